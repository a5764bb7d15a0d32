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
    /// <param name="fft">FFT backend; null: <see cref="Fourier.Fft.Default"/>.</param>
    public static RadialSpectrum Compute(ReadOnlySpan<float> image, int width, int height, IReadOnlyList<PixelRegion> tiles, SpectrumKind kind, IFftProvider? fft = null)
    {
        fft ??= Fft.Default;
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
        bool wholeFrame = tiles.Count == 1 && tw == width && th == height;
        float[]? tile = wholeFrame ? null : ArrayPool<float>.Shared.Rent(tw * th);
        ComplexF[] spectrum = ArrayPool<ComplexF>.Shared.Rent(half * th);
        try
        {
            for (int i = 0; i < tiles.Count; i++)
            {
                if (tile is null)
                {
                    fft.ForwardReal(image, spectrum.AsSpan(0, half * th), tw, th);
                }
                else
                {
                    CopyTile(image, width, tiles[i], tile.AsSpan(0, tw * th));
                    fft.ForwardReal(tile.AsSpan(0, tw * th), spectrum.AsSpan(0, half * th), tw, th);
                }
                // Removing the tile mean only changes the DC coefficient: zero it instead of subtracting.
                spectrum[0] = default;
                Accumulate(spectrum, tw, th, binWidth, power, i == 0 ? qSum : null, i == 0 ? counts : null);
            }
        }
        finally
        {
            if (tile is not null) ArrayPool<float>.Shared.Return(tile);
            ArrayPool<ComplexF>.Shared.Return(spectrum);
        }
        for (int b = 0; b < bins; b++) { power[b] /= tiles.Count; }

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
        for (int b = 0; b < bins; b++) counts[b] *= tiles.Count;
        return new RadialSpectrum(q, values, counts, binWidth, kind, tiles.Count);
    }

    private static void CopyTile(ReadOnlySpan<float> image, int width, PixelRegion t, Span<float> tile)
    {
        for (int y = 0; y < t.Height; y++)
            image.Slice((t.Y + y) * width + t.X, t.Width).CopyTo(tile.Slice(y * t.Width, t.Width));
    }

    // Bins |F|² of a half-complex spectrum. Columns 1..nx/2-1 stand for two conjugate pixels of equal |F| at the same
    // radius, so they count twice: the average is then over the full Fourier plane. Rows ky and ny-ky lie at the same
    // radii, so each pair of rows shares one computation of the bin indices. The geometry (pixel count and Σq per bin)
    // is the same for every tile and is accumulated only when its arrays are given.
    private static void Accumulate(ComplexF[] spectrum, int nx, int ny, double binWidth, double[] power, double[]? qSum, long[]? counts)
    {
        int half = nx / 2 + 1, bins = power.Length;
        var qx2 = new double[half];
        var weight = new float[half];
        for (int kx = 0; kx < half; kx++)
        {
            double q = 2.0 * kx / nx;
            qx2[kx] = q * q;
            weight[kx] = kx == 0 || (nx % 2 == 0 && kx == half - 1) ? 1 : 2;
        }
        double invBin = 1 / binWidth;
        // Fixed blocks of rows, each summed into its own arrays and reduced in block order: the same bits on every
        // run and thread count (thread-local sums reduced as threads finish would not be).
        int rows = ny / 2 + 1, blocks = Math.Min(rows, 32);
        var partial = new (double[] P, double[] Q, long[] N)[blocks];
        Parallel.For(0, blocks, block =>
        {
            var local = (P: new double[bins], Q: new double[bins], N: new long[bins]);
            var index = new int[half];
            for (int ky = block * rows / blocks; ky < (block + 1) * rows / blocks; ky++)
            {
                int mirror = (ny - ky) % ny;
                bool pair = mirror != ky;
                double qy = 2.0 * ky / ny, qy2 = qy * qy;
                for (int kx = 0; kx < half; kx++)
                {
                    double q = Math.Sqrt(qx2[kx] + qy2);
                    int b = (int)(q * invBin + 0.5);
                    index[kx] = b;
                    if (qSum is not null)
                    {
                        int w = (int)weight[kx] * (pair ? 2 : 1);
                        local.Q[b] += w * q;
                        local.N[b] += w;
                    }
                }
                AddRow(spectrum.AsSpan(ky * half, half), index, weight, local.P);
                if (pair) AddRow(spectrum.AsSpan(mirror * half, half), index, weight, local.P);
            }
            partial[block] = local;
        });
        foreach (var local in partial)
        {
            for (int b = 0; b < bins; b++) power[b] += local.P[b];
            if (qSum is null || counts is null) continue;
            for (int b = 0; b < bins; b++) { qSum[b] += local.Q[b]; counts[b] += local.N[b]; }
        }
    }

    private static void AddRow(ReadOnlySpan<ComplexF> row, ReadOnlySpan<int> index, ReadOnlySpan<float> weight, double[] power)
    {
        for (int kx = 0; kx < row.Length; kx++)
        {
            var c = row[kx];
            power[index[kx]] += weight[kx] * (c.Re * c.Re + c.Im * c.Im);
        }
    }
}
