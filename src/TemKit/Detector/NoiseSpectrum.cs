using System.Buffers;
using TemKit.Fourier;

namespace TemKit.Detector;

/// <summary>
/// Radial noise spectrum of vacuum (SOI A.3): per tile the mean is removed, the real FFT taken and |F|²/N binned by
/// q~ = 2 q s; the power is averaged over all tiles (Fourier pixels weighted equally), then reported as power or
/// RMS amplitude.
/// </summary>
public static class NoiseSpectrum
{
    /// <summary>
    /// Spectrum of the given tiles of one frame. All tiles must have the same size and lie inside the image.
    /// </summary>
    /// <param name="image">Frame pixels, row-major, <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="width">Frame width (px).</param>
    /// <param name="height">Frame height (px).</param>
    /// <param name="tiles">Equal-sized regions to average.</param>
    /// <param name="kind">Amplitude or power.</param>
    public static RadialSpectrum Compute(ReadOnlySpan<float> image, int width, int height, IReadOnlyList<PixelRegion> tiles, SpectrumKind kind)
    {
        if (image.Length != (long)width * height) throw new ArgumentException($"image holds {image.Length} values, {width}x{height} needs {(long)width * height}", nameof(image));
        if (tiles.Count == 0) throw new ArgumentException("no tiles to average", nameof(tiles));
        int tw = tiles[0].Width, th = tiles[0].Height;
        foreach (var t in tiles)
        {
            if (t.Width != tw || t.Height != th) throw new ArgumentException($"tile {t} differs in size from {tiles[0]}", nameof(tiles));
            string? problem = t.ProblemWithin(width, height);
            if (problem is not null) throw new ArgumentException(problem, nameof(tiles));
        }

        double binWidth = 2.0 / Math.Min(tw, th);
        int bins = (int)(Math.Sqrt(2) / binWidth) + 2;
        var power = new double[bins];
        var qSum = new double[bins];
        var counts = new long[bins];
        int half = tw / 2 + 1;
        float[] tile = ArrayPool<float>.Shared.Rent(tw * th);
        ComplexF[] spectrum = ArrayPool<ComplexF>.Shared.Rent(half * th);
        try
        {
            foreach (var t in tiles)
            {
                CopyWithoutMean(image, width, t, tile.AsSpan(0, tw * th));
                Fft.Default.ForwardReal(tile.AsSpan(0, tw * th), spectrum.AsSpan(0, half * th), tw, th);
                Accumulate(spectrum, tw, th, binWidth, power, qSum, counts);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tile);
            ArrayPool<ComplexF>.Shared.Return(spectrum);
        }

        double norm = 1.0 / ((double)tw * th);
        var q = new double[bins];
        var values = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            if (counts[b] == 0) { q[b] = b * binWidth; values[b] = double.NaN; continue; }
            q[b] = qSum[b] / counts[b];
            double p = power[b] / counts[b] * norm;
            values[b] = kind == SpectrumKind.Power ? p : Math.Sqrt(p);
        }
        return new RadialSpectrum(q, values, counts, binWidth, kind, tiles.Count);
    }

    private static void CopyWithoutMean(ReadOnlySpan<float> image, int width, PixelRegion t, Span<float> tile)
    {
        double sum = 0;
        for (int y = 0; y < t.Height; y++)
        {
            var src = image.Slice((t.Y + y) * width + t.X, t.Width);
            src.CopyTo(tile.Slice(y * t.Width, t.Width));
            sum += System.Numerics.Tensors.TensorPrimitives.Sum(src);
        }
        float mean = (float)(sum / t.Area);
        System.Numerics.Tensors.TensorPrimitives.Subtract(tile, mean, tile);
    }

    // Bins |F|² of a half-complex spectrum. Columns 1..nx/2-1 stand for two conjugate pixels of equal |F| at the same
    // radius, so they count twice: the average is then over the full Fourier plane.
    private static void Accumulate(ComplexF[] spectrum, int nx, int ny, double binWidth, double[] power, double[] qSum, long[] counts)
    {
        int half = nx / 2 + 1, bins = power.Length;
        var qx2 = new double[half];
        for (int kx = 0; kx < half; kx++) { double q = 2.0 * kx / nx; qx2[kx] = q * q; }
        double invBin = 1 / binWidth;
        object gate = new();
        Parallel.For(0, ny,
            () => (P: new double[bins], Q: new double[bins], N: new long[bins]),
            (ky, _, local) =>
            {
                double qy = 2.0 * FftShift.SignedIndex(ky, ny) / ny, qy2 = qy * qy;
                var row = spectrum.AsSpan(ky * half, half);
                for (int kx = 0; kx < half; kx++)
                {
                    double q = Math.Sqrt(qx2[kx] + qy2);
                    int b = (int)(q * invBin + 0.5);
                    int weight = kx == 0 || (nx % 2 == 0 && kx == half - 1) ? 1 : 2;
                    local.P[b] += weight * (double)row[kx].MagnitudeSquared;
                    local.Q[b] += weight * q;
                    local.N[b] += weight;
                }
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (int b = 0; b < bins; b++) { power[b] += local.P[b]; qSum[b] += local.Q[b]; counts[b] += local.N[b]; }
                }
            });
    }
}
