using TemKit.Fourier;
using Xunit.Abstractions;

namespace TemKit.Tests.Fourier;

/// <summary>Managed and FFTW backends on real camera sizes, and the managed accuracy on long 1D lengths.</summary>
public class BackendAgreementTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(4096, 4096)]
    [InlineData(3838, 3710)]
    public void ManagedAndFftwAgreeOnCameraSizes(int nx, int ny)
    {
        if (FftwFftTests.Require(output) is not { } fftw) return;
        int h = nx / 2 + 1;
        var image = NaiveDft.RandomReal(nx * ny, 42);
        var managed = new ComplexF[h * ny];
        var native = new ComplexF[h * ny];
        Fft.Managed.ForwardReal(image, managed, nx, ny);
        fftw.ForwardReal(image, native, nx, ny);
        double forward = RelativeRms(managed, native);
        output.WriteLine($"{nx}x{ny} r2c managed vs FFTW: relative RMS {forward:E2}");
        Assert.InRange(forward, 0, 5e-6);

        var back = new float[nx * ny];
        Fft.Managed.InverseReal(native, back, nx, ny);
        double managedRoundTrip = NaiveDft.RelativeRms(back, image);
        fftw.InverseReal(managed, back, nx, ny);
        double fftwRoundTrip = NaiveDft.RelativeRms(back, image);
        output.WriteLine($"c2r round trips: managed {managedRoundTrip:E2}, FFTW {fftwRoundTrip:E2}");
        Assert.InRange(managedRoundTrip, 0, 5e-6);
        Assert.InRange(fftwRoundTrip, 0, 5e-6);
    }

    [Fact]
    public void ManagedAndFftwAgreeOnComplex512()
    {
        if (FftwFftTests.Require(output) is not { } fftw) return;
        const int n = 512;
        var input = NaiveDft.RandomComplex(n * n, 8);
        var managed = new ComplexF[n * n];
        var native = new ComplexF[n * n];
        Fft.Managed.Forward(input, managed, n, n);
        fftw.Forward(input, native, n, n);
        Assert.InRange(RelativeRms(managed, native), 0, 5e-6);
    }

    /// <summary>Relative RMS error of the managed float32 transform against the double-precision DFT, ~1e-6 or better.</summary>
    [Theory]
    [InlineData(4096)]
    [InlineData(3838)]
    [InlineData(3710)]
    [InlineData(5760)]
    [InlineData(4092)]
    public void ManagedLongLengthsAreAccurate(int n)
    {
        var input = NaiveDft.RandomComplex(n, n);
        var result = new ComplexF[n];
        Fft.Managed.Forward(input, result, n, 1);
        var (re, im) = NaiveDft.Complex2D(input, n, 1, -1);
        double error = NaiveDft.RelativeRms(result, re, im);
        output.WriteLine($"n = {n}: relative RMS error {error:E2}");
        Assert.InRange(error, 0, 2e-6);
    }

    private static double RelativeRms(ComplexF[] actual, ComplexF[] expected)
    {
        double num = 0, den = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            num += (actual[i] - expected[i]).MagnitudeSquared;
            den += expected[i].MagnitudeSquared;
        }
        return Math.Sqrt(num / den);
    }
}
