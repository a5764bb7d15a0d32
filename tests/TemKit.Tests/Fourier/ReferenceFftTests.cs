using TemKit.Fourier;

namespace TemKit.Tests.Fourier;

public class ReferenceFftTests
{
    [Theory]
    [InlineData(8, 4)]
    [InlineData(7, 5)]
    [InlineData(12, 9)]
    public void ManagedComplexForwardMatchesNaiveDft(int nx, int ny)
    {
        var rng = new Random(1);
        var input = new ComplexF[nx * ny];
        for (int i = 0; i < input.Length; i++) input[i] = new ComplexF((float)rng.NextDouble() - 0.5f, (float)rng.NextDouble() - 0.5f);
        var output = new ComplexF[nx * ny];
        Fft.Managed.Forward(input, output, nx, ny);
        for (int ky = 0; ky < ny; ky++)
            for (int kx = 0; kx < nx; kx++)
            {
                double re = 0, im = 0;
                for (int y = 0; y < ny; y++)
                    for (int x = 0; x < nx; x++)
                    {
                        double a = -2 * Math.PI * ((double)kx * x / nx + (double)ky * y / ny);
                        var v = input[y * nx + x];
                        re += v.Re * Math.Cos(a) - v.Im * Math.Sin(a);
                        im += v.Re * Math.Sin(a) + v.Im * Math.Cos(a);
                    }
                Assert.Equal(re, output[ky * nx + kx].Re, 1e-4);
                Assert.Equal(im, output[ky * nx + kx].Im, 1e-4);
            }
    }
}
