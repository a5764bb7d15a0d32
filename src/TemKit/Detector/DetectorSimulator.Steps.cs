using System.Buffers;
using TemKit.Fourier;
using TemKit.Numerics;

namespace TemKit.Detector;

public static partial class DetectorSimulator
{
    private const long ReadoutStream = 1L << 32;

    // P(N_D): Poisson counts with mean scale·I (vacuum: mean scale everywhere), one generator stream per row.
    private static unsafe void ShotNoise(ReadOnlySpan<float> intensity, Span<float> counts, int width, int height,
        double scale, long seed, bool vacuum)
    {
        fixed (float* inPtr = intensity)
        fixed (float* outPtr = counts)
        {
            nint input = (nint)inPtr, output = (nint)outPtr;
            Parallel.For(0, height, y =>
            {
                var rng = new NoiseRandom(seed, y);
                var row = new Span<float>((float*)output + (long)y * width, width);
                if (vacuum)
                {
                    rng.FillPoisson(row, scale);
                    return;
                }
                var src = new ReadOnlySpan<float>((float*)input + (long)y * width, width);
                for (int x = 0; x < row.Length; x++)
                {
                    float v = src[x];
                    row[x] = v > 0 ? (float)rng.NextPoisson(scale * v) : 0f;
                }
            });
        }
    }

    // MTF[·]: multiply the half-complex spectrum by SOI Eq. 1 at q~ = 2 q s (per axis: 2k/n).
    private static void FilterByMtf(ReadOnlySpan<float> counts, Span<float> destination, int width, int height, DetectorModel model)
    {
        int halfWidth = width / 2 + 1;
        ComplexF[] spectrum = ArrayPool<ComplexF>.Shared.Rent(halfWidth * height);
        try
        {
            Fft.Default.ForwardReal(counts, spectrum.AsSpan(0, halfWidth * height), width, height);
            MultiplyByMtf(spectrum, width, height, model);
            Fft.Default.InverseReal(spectrum.AsSpan(0, halfWidth * height), destination, width, height);
        }
        finally
        {
            ArrayPool<ComplexF>.Shared.Return(spectrum);
        }
    }

    /// <summary>Multiplies a half-complex spectrum (height rows of width/2+1) by the model MTF.</summary>
    internal static void MultiplyByMtf(ComplexF[] spectrum, int width, int height, DetectorModel model)
    {
        int halfWidth = width / 2 + 1;
        var qx2 = new double[halfWidth];
        for (int kx = 0; kx < halfWidth; kx++)
        {
            double q = 2.0 * kx / width;
            qx2[kx] = q * q;
        }
        double invC0Squared = 1.0 / (model.C0 * model.C0);
        double halfC3 = 0.5 * model.C3, floor = model.C, span = 1 - model.C;
        // Rows ky and height-ky share their frequencies: one MTF evaluation serves both.
        Parallel.For(0, height / 2 + 1, ky =>
        {
            int mirror = (height - ky) % height;
            double qy = 2.0 * ky / height;
            double qy2 = qy * qy;
            var row = spectrum.AsSpan(ky * halfWidth, halfWidth);
            var mirrorRow = spectrum.AsSpan(mirror * halfWidth, halfWidth);
            bool pair = mirror != ky;
            for (int kx = 0; kx < row.Length; kx++)
            {
                double r2 = (qx2[kx] + qy2) * invC0Squared;
                if (r2 == 0) continue;
                // SOI Eq. 1 with (q~/c0)^c3 = exp(c3/2 · ln((q~/c0)²))
                float m = (float)(span / (1 + Math.Exp(halfC3 * Math.Log(r2))) + floor);
                row[kx].Re *= m;
                row[kx].Im *= m;
                if (!pair) continue;
                mirrorRow[kx].Re *= m;
                mirrorRow[kx].Im *= m;
            }
        });
    }

    // P(N0): readout noise of variance N0 added after the MTF, zero mean.
    private static unsafe void AddReadoutNoise(Span<float> image, int width, int height, DetectorModel model, long seed)
    {
        double n0 = model.ReadoutNoiseElectronsPerPixel;
        if (n0 <= 0) return;
        bool gaussian = model.Readout == ReadoutNoiseKind.Gaussian;
        double sigma = Math.Sqrt(n0);
        fixed (float* ptr = image)
        {
            nint address = (nint)ptr;
            Parallel.For(0, height, y =>
            {
                var rng = new NoiseRandom(seed, ReadoutStream + y);
                var row = new Span<float>((float*)address + (long)y * width, width);
                if (gaussian)
                    for (int x = 0; x < row.Length; x++) row[x] += (float)(sigma * rng.NextGaussian());
                else
                {
                    double expMinusN0 = Math.Exp(-n0);
                    for (int x = 0; x < row.Length; x++) row[x] += (float)(rng.NextPoisson(n0, expMinusN0) - n0);
                }
            });
        }
    }
}
