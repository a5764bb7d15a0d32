using System.Numerics.Tensors;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.CtfEstimation.Spectrum;

/// <summary>
/// Estimates the power spectrum of a micrograph by averaging the periodograms of overlapping, tapered tiles
/// (Welch 1967; the same idea as CTFFIND4's and Gctf's tile averaging), with optional block binning first.
/// </summary>
public static partial class PowerSpectrumEstimator
{
    /// <summary>Estimates the centred power spectrum of <paramref name="image"/>.</summary>
    /// <param name="image">Micrograph; its pixel size (Å) calibrates the spectrum (0 = uncalibrated).</param>
    /// <param name="options">Tiling, binning and cleanup settings (defaults when null).</param>
    /// <param name="allocate">Gives the memory (exactly the requested number of floats) for the spectrum (its half plane
    /// and, when asked for, the centred image), so a batch can reuse one buffer per worker instead of touching fresh
    /// 64 MB arrays for every 4096² periodogram; null allocates a new array. The returned spectrum reads that memory,
    /// so it is valid until the buffer is reused.</param>
    /// <param name="fft">FFT backend; null: <see cref="Fft.Default"/>.</param>
    public static PowerSpectrum Estimate(Image2D image, PowerSpectrumOptions? options = null, Func<int, Memory<float>>? allocate = null, IFftProvider? fft = null)
    {
        fft ??= Fft.Default;
        ArgumentNullException.ThrowIfNull(image);
        options ??= new PowerSpectrumOptions();
        options.Validate();
        double pixel = image.PixelSize.IsKnown ? image.PixelSizeAngstrom : 0;
        int bin = ChooseBinFactor(image.Width, image.Height, pixel, options);
        var work = bin == 1 ? image : Bin(image, bin);
        int tile = Math.Min(options.TileSizePx, Math.Min(work.Width, work.Height) & ~1);
        if (tile < 16) throw new ArgumentException($"image {image.Width}x{image.Height} is too small for a power spectrum (needs ≥ 16 px after binning by {bin})", nameof(image));

        var xs = TileStarts(work.Width, tile, options.OverlapFraction);
        var ys = TileStarts(work.Height, tile, options.OverlapFraction);
        float[] window = TukeyWindow(tile, options.TaperFraction);
        float[] ramp = CentredRamp(tile);
        bool wholeTile = work.Width == tile && work.Height == tile;
        var hot = HotPixelLimits(work, options.HotPixelSigma, wholeTile ? ramp : null);
        int half = tile / 2 + 1;
        int tiles = xs.Length * ys.Length;
        double windowEnergy = 0;
        foreach (float w in window) windowEnergy += w * w;
        float norm = (float)(1.0 / (tiles * windowEnergy * windowEnergy));
        // One block of memory: the centred spectrum (made only when asked for) and the half plane the FFT fills.
        int centredLength = tile * tile, halfLength = tile * half;
        var memory = allocate?.Invoke(centredLength + halfLength) ?? new float[centredLength + halfLength];
        if (memory.Length != centredLength + halfLength)
            throw new ArgumentException($"the allocator gave {memory.Length} floats, {centredLength + halfLength} were asked for", nameof(allocate));
        var halfPlane = memory.Slice(centredLength, halfLength);
        if (ys.Length == 1)
        {
            // One row of tiles (the whole-image periodogram among them): no cross-row sum, straight into the half plane.
            using var ws = new TileWorkspace(tile, half);
            AccumulateRow(fft, work, xs, ys[0], tile, window, ramp, ws, options.RemovePlane, hot, halfPlane.Span);
        }
        else
        {
            // One accumulator per row of tiles, summed in row order afterwards: the result does not depend on how the
            // rows were spread over threads (bit-identical runs, as sharded batch runs need).
            var rows = new double[ys.Length][];
            void Row(int row, TileWorkspace ws)
            {
                AccumulateRow(fft, work, xs, ys[row], tile, window, ramp, ws, options.RemovePlane, hot, ws.RowPower);
                var sum = rows[row] = new double[halfLength];
                var acc = ws.RowPower;
                for (int i = 0; i < sum.Length; i++) sum[i] = acc[i];
            }
            if (TemKit.Numerics.InnerParallelism.IsSerial)
            {
                using var ws = new TileWorkspace(tile, half);
                for (int row = 0; row < ys.Length; row++) Row(row, ws);
            }
            else
            {
                Parallel.For(0, ys.Length, () => new TileWorkspace(tile, half), (row, _, ws) => { Row(row, ws); return ws; }, ws => ws.Dispose());
            }
            var total = rows[0];
            for (int r = 1; r < rows.Length; r++) TensorPrimitives.Add(total, rows[r], total);
            var scaled = halfPlane.Span;
            for (int i = 0; i < scaled.Length; i++) scaled[i] = (float)(total[i] * norm);
            norm = 1f;
        }
        RemoveCentralCrossHalfPlane(halfPlane.Span, tile, options.CentralCrossHalfWidthPx);
        // The single-row sum stays unscaled (the normalisation is applied when centring and averaging); cross removal is
        // linear, so the order does not matter beyond rounding.
        return PowerSpectrum.FromHalfPlane(tile, halfPlane, norm, memory.Slice(0, centredLength), pixel * bin, bin, tiles, options.TaperFraction);
    }

    /// <summary>
    /// Sums |F|² of the tiles of one row of tiles into <paramref name="acc"/> (float, half-plane layout). Each tile's rows are
    /// prepared as the FFT asks for them (<see cref="RealRowSource"/>), so no tile is stored.
    /// </summary>
    private static void AccumulateRow(IFftProvider fft, Image2D work, int[] xs, int y0, int tile, float[] window, float[] ramp, TileWorkspace ws, bool removePlane, HotPixels hot, Span<float> acc)
    {
        acc.Clear();
        float[] slopeRow = ws.SlopeRow;
        foreach (int x0 in xs)
        {
            var (mean, bx, by) = TilePlane(work, x0, y0, tile, ramp, removePlane, hot, ws.RowScratch);
            TensorPrimitives.Multiply<float>(ramp, (float)bx, slopeRow.AsSpan(0, tile));
            int width = work.Width, left = x0, top = y0;
            fft.ForwardRealPowerAccumulate(
                (y, row) => TileRow(work.Pixels.Slice((top + y) * width + left, tile), row, y, tile, mean, by, slopeRow.AsSpan(0, tile), window, hot),
                ws.Spectrum, acc, tile, tile);
        }
    }

    /// <summary>The binning factor <see cref="Estimate"/> uses for an image of this size and pixel size (Å).</summary>
    public static int ChooseBinFactor(int width, int height, double pixelSizeAngstrom, PowerSpectrumOptions options)
    {
        if (options.BinFactor > 0) return options.BinFactor;
        if (!(pixelSizeAngstrom > 0)) return 1;
        // Nyquist of the binned image 1/(2 b p) must exceed 1.25/R so the finest ring of interest sits at ≤ 0.8 Nyquist.
        int byResolution = (int)Math.Floor(options.AutoBinFinestResolutionAngstrom / (2.5 * pixelSizeAngstrom));
        int bySize = Math.Min(width, height) / options.TileSizePx;
        return Math.Max(1, Math.Min(byResolution, bySize));
    }

    /// <summary>Block-averages <paramref name="image"/> by <paramref name="factor"/> (trailing partial blocks dropped).</summary>
    public static Image2D Bin(Image2D image, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        int w = image.Width / factor, h = image.Height / factor;
        if (w == 0 || h == 0) throw new ArgumentException($"image {image.Width}x{image.Height} is smaller than the bin factor {factor}", nameof(factor));
        var ps = image.PixelSize;
        var binned = new Image2D(w, h, new VoxelSize(ps.XAngstrom * factor, ps.YAngstrom * factor, ps.ZAngstrom), image.Metadata);
        var src = image.PixelMemory;
        var dst = binned.PixelMemory;
        int srcWidth = image.Width;
        float scale = 1f / (factor * factor);
        Parallel.For(0, h, y =>
        {
            var row = dst.Span.Slice(y * w, w);
            row.Clear();
            var s = src.Span;
            for (int dy = 0; dy < factor; dy++)
            {
                var line = s.Slice((y * factor + dy) * srcWidth, w * factor);
                for (int x = 0; x < w; x++)
                {
                    float sum = 0;
                    var block = line.Slice(x * factor, factor);
                    for (int dx = 0; dx < block.Length; dx++) sum += block[dx];
                    row[x] += sum;
                }
            }
            TensorPrimitives.Multiply(row, scale, row);
        });
        return binned;
    }

    /// <summary>Tile origins along one axis: as many tiles as the overlap allows, centred in the image.</summary>
    internal static int[] TileStarts(int length, int tile, double overlap)
    {
        int step = Math.Max(1, (int)Math.Round(tile * (1 - overlap)));
        int count = (length - tile) / step + 1;
        int margin = (length - tile - (count - 1) * step) / 2;
        var starts = new int[count];
        for (int i = 0; i < count; i++) starts[i] = margin + i * step;
        return starts;
    }

    /// <summary>Separable raised-cosine (Tukey) taper: 1 in the middle, cosine roll-off over taper·n pixels at each edge.</summary>
    internal static float[] TukeyWindow(int n, double taper)
    {
        var w = new float[n];
        int edge = (int)Math.Round(taper * n);
        for (int i = 0; i < n; i++)
        {
            int d = Math.Min(i, n - 1 - i);
            w[i] = d >= edge ? 1f : (float)(0.5 - 0.5 * Math.Cos(Math.PI * (d + 0.5) / edge));
        }
        return w;
    }

    /// <summary>One thread's tile buffers, rented from the shared pools (a 4096² whole-image periodogram needs ~170 MB
    /// of them, which would otherwise be fresh, zeroed large-object allocations for every image of a batch).</summary>
    private sealed class TileWorkspace : IDisposable
    {
        private readonly float[] _power, _scratch;
        private readonly ComplexF[] _spectrum;
        private readonly int _halfLength, _n;

        public TileWorkspace(int tile, int half)
        {
            (_n, _halfLength) = (tile, tile * half);
            _power = System.Buffers.ArrayPool<float>.Shared.Rent(_halfLength);
            _scratch = System.Buffers.ArrayPool<float>.Shared.Rent(tile);
            SlopeRow = System.Buffers.ArrayPool<float>.Shared.Rent(tile);
            _spectrum = System.Buffers.ArrayPool<ComplexF>.Shared.Rent(_halfLength);
        }

        public Span<ComplexF> Spectrum => _spectrum.AsSpan(0, _halfLength);
        public Span<float> RowPower => _power.AsSpan(0, _halfLength);
        public Span<float> RowScratch => _scratch.AsSpan(0, _n);

        /// <summary>bx·(x − c) of the current tile; read by the FFT's row requests on any thread.</summary>
        public float[] SlopeRow { get; }

        public void Dispose()
        {
            System.Buffers.ArrayPool<float>.Shared.Return(_power);
            System.Buffers.ArrayPool<float>.Shared.Return(_scratch);
            System.Buffers.ArrayPool<float>.Shared.Return(SlopeRow);
            System.Buffers.ArrayPool<ComplexF>.Shared.Return(_spectrum);
        }
    }
}
