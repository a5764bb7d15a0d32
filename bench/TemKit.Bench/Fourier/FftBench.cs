using TemKit.Bench.Infrastructure;
using TemKit.Fourier;

namespace TemKit.Bench.Fourier;

internal sealed class FftBench : IBench
{
    public string Name => "fft";
    public string Description => "2D FFT: managed vs FFTW";

    public int Run(string[] args)
    {
        int nx = 4096, ny = 4096;
        var input = new float[nx * ny];
        var rng = new Random(1);
        for (int i = 0; i < input.Length; i++) input[i] = (float)rng.NextDouble();
        var output = new ComplexF[(nx / 2 + 1) * ny];
        double t = Timing.MedianSeconds(() => Fft.Managed.ForwardReal(input, output, nx, ny), 5, 1);
        Console.WriteLine($"managed r2c {nx}x{ny}: {t * 1000:F1} ms");
        return 0;
    }
}
