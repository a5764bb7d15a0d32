using System.Numerics.Tensors;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>A pixel rectangle, inclusive on both ends (px).</summary>
/// <param name="MinX">First column.</param>
/// <param name="MinY">First row.</param>
/// <param name="MaxX">Last column.</param>
/// <param name="MaxY">Last row.</param>
public readonly record struct PixelBox(int MinX, int MinY, int MaxX, int MaxY)
{
    /// <summary>Width (px).</summary>
    public int Width => MaxX - MinX + 1;

    /// <summary>Height (px).</summary>
    public int Height => MaxY - MinY + 1;
}

/// <summary>
/// Regional Fourier analysis of one particle (seed 003, Fig. 1): the image inside the particle's mask, windowed with a
/// soft edge (the mask blurred by a Gaussian of <see cref="RegionalFourierOptions.EdgeSoftnessAngstrom"/>) after
/// subtracting the window-weighted mean, zero-padded to the FFT size; its power spectrum; lattice peaks above the local
/// background with sub-pixel positions; the inversion-symmetric pairs (g, −g) with their integrated, background-subtracted
/// brightness, d-spacing and direction; the brightest/dimmest pair ratio; and the zone axis the pairs index to.
/// </summary>
public static partial class RegionalFourier
{
    /// <summary>Analyses the region where <paramref name="mask"/> (same size as the image: a probability or 0/1) is at
    /// or above <see cref="RegionalFourierOptions.MaskThreshold"/>. The image needs a pixel size.</summary>
    public static RegionalFourierResult Analyse(Image2D image, ReadOnlySpan<float> mask, RegionalFourierOptions? options = null, IFftProvider? fft = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new RegionalFourierOptions();
        options.Validate();
        if (mask.Length != image.Pixels.Length) throw new ArgumentException($"mask has {mask.Length} pixels, the image {image.Width}x{image.Height}", nameof(mask));
        float t = (float)options.MaskThreshold;
        int w = image.Width, minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < w; x++)
                if (mask[y * w + x] >= t) { minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); minY = Math.Min(minY, y); maxY = Math.Max(maxY, y); }
        if (maxX < 0) return RegionalFourierResult.Empty(0);
        var box = new PixelBox(minX, minY, maxX, maxY);
        var region = new byte[box.Width * box.Height];
        for (int y = minY; y <= maxY; y++)
            for (int x = minX; x <= maxX; x++)
                region[(y - minY) * box.Width + x - minX] = mask[y * w + x] >= t ? (byte)1 : (byte)0;
        return AnalyseRegion(image, region, box, options, fft);
    }

    /// <summary>Analyses component <paramref name="label"/> of a label image (<paramref name="labels"/>, same size as the
    /// image), whose pixels lie inside <paramref name="box"/>.</summary>
    public static RegionalFourierResult Analyse(Image2D image, ReadOnlySpan<int> labels, int label, PixelBox box, RegionalFourierOptions? options = null, IFftProvider? fft = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new RegionalFourierOptions();
        options.Validate();
        if (labels.Length != image.Pixels.Length) throw new ArgumentException($"labels have {labels.Length} pixels, the image {image.Width}x{image.Height}", nameof(labels));
        if (box.MinX < 0 || box.MinY < 0 || box.MaxX >= image.Width || box.MaxY >= image.Height || box.Width < 1 || box.Height < 1)
            throw new ArgumentOutOfRangeException(nameof(box), box, $"box must lie inside the {image.Width}x{image.Height} image");
        int w = image.Width;
        var region = new byte[box.Width * box.Height];
        for (int y = box.MinY; y <= box.MaxY; y++)
            for (int x = box.MinX; x <= box.MaxX; x++)
                region[(y - box.MinY) * box.Width + x - box.MinX] = labels[y * w + x] == label ? (byte)1 : (byte)0;
        return AnalyseRegion(image, region, box, options, fft);
    }

    /// <summary>Analyses the region given as a 0/1 mask over <paramref name="box"/> (row-major, box width x box height),
    /// e.g. one particle found inside its box without a frame-sized label image.</summary>
    public static RegionalFourierResult Analyse(Image2D image, ReadOnlySpan<byte> region, PixelBox box, RegionalFourierOptions? options = null, IFftProvider? fft = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new RegionalFourierOptions();
        options.Validate();
        if (box.MinX < 0 || box.MinY < 0 || box.MaxX >= image.Width || box.MaxY >= image.Height || box.Width < 1 || box.Height < 1)
            throw new ArgumentOutOfRangeException(nameof(box), box, $"box must lie inside the {image.Width}x{image.Height} image");
        if (region.Length != box.Width * box.Height) throw new ArgumentException($"region has {region.Length} pixels, the box {box.Width}x{box.Height}", nameof(region));
        return AnalyseRegion(image, region, box, options, fft);
    }

    /// <summary><paramref name="region"/>: 0/1 over <paramref name="box"/>.</summary>
    private static RegionalFourierResult AnalyseRegion(Image2D image, ReadOnlySpan<byte> region, PixelBox box, RegionalFourierOptions options, IFftProvider? fft)
    {
        double px = image.PixelSizeAngstrom;
        if (!(px > 0) || !double.IsFinite(px)) throw new ArgumentException("the image has no pixel size: regional Fourier analysis needs one (Å/px) to give spacings", nameof(image));
        long area = 0;
        foreach (byte b in region) area += b;
        if (area == 0) return RegionalFourierResult.Empty(0);
        double sigmaPx = options.EdgeSoftnessAngstrom / px;
        int margin = (int)Math.Ceiling(3 * sigmaPx) + 1;
        var crop = new PixelBox(Math.Max(0, box.MinX - margin), Math.Max(0, box.MinY - margin),
            Math.Min(image.Width - 1, box.MaxX + margin), Math.Min(image.Height - 1, box.MaxY + margin));
        int cw = crop.Width, ch = crop.Height;
        var window = new float[cw * ch];
        for (int y = box.MinY; y <= box.MaxY; y++)
            for (int x = box.MinX; x <= box.MaxX; x++)
                window[(y - crop.MinY) * cw + x - crop.MinX] = region[(y - box.MinY) * box.Width + x - box.MinX];
        if (sigmaPx > 0) GaussianSmoothing.Blur(window, cw, ch, sigmaPx);

        int n = options.FftSizePx > 0 ? options.FftSizePx : AutomaticSize(Math.Max(cw, ch), options);
        if (cw > n || ch > n) throw new ArgumentException($"the windowed region ({cw}x{ch} px) does not fit the FFT size {n} px: use a larger FFT size");
        var padded = new float[n * n];
        double sumW = 0, sumWf = 0;
        for (int y = 0; y < ch; y++)
        {
            var row = image.Row(crop.MinY + y).Slice(crop.MinX, cw);
            for (int x = 0; x < cw; x++) { sumW += window[y * cw + x]; sumWf += window[y * cw + x] * (double)row[x]; }
        }
        float mean = (float)(sumWf / sumW);
        int ox = (n - cw) / 2, oy = (n - ch) / 2;
        for (int y = 0; y < ch; y++)
        {
            var src = image.Row(crop.MinY + y).Slice(crop.MinX, cw);
            var dst = padded.AsSpan((oy + y) * n + ox, cw);
            TensorPrimitives.Subtract(src, mean, dst);
            TensorPrimitives.Multiply(dst, window.AsSpan(y * cw, cw), dst);
        }
        var half = new ComplexF[n * (n / 2 + 1)];
        (fft ?? Fft.Default).ForwardReal(padded, half, n, n);
        var power = new float[n * n];
        PowerSpectra.HalfToCentredFull(half, n, n, power);

        double df = 1 / (n * px);
        double diameterPx = 2 * Math.Sqrt(area / Math.PI);
        // Main lobe of a uniform disc's transform: first zero at 1.22/D, i.e. 1.22 n/D spectrum pixels.
        double peakRadius = Math.Max(1.5, 1.22 * n / diameterPx);
        var pairs = FindPairs(power, n, df, peakRadius, options);
        var (ratio, floor) = Ratio(pairs, options);
        var zone = options.Lattice is { } lattice ? ZoneAxisIndexer.Index(pairs, lattice, options.MinSpacingAngstrom, options.MaxSpacingAngstrom) : null;
        var spectrum = options.KeepSpectrum ? new Image2D(n, n, power, VoxelSize.Isotropic(df)) : null;
        return new RegionalFourierResult(pairs, ratio, floor, zone, area, n, df, peakRadius, spectrum);
    }

    private static int AutomaticSize(int side, RegionalFourierOptions options)
    {
        int n = options.MinFftSizePx;
        double want = options.PaddingFactor * side;
        while (n < want) n *= 2;
        return n;
    }
}
