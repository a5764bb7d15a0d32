using TemKit.Imaging;

namespace TemKit.CtfEstimation.Spectrum;

/// <summary>
/// A square, centred power spectrum |F(k)|²: DC at pixel (Size/2, Size/2), kx along x, ky along y (MRC y up), so pixel
/// (x, y) holds spatial frequency ((x − Size/2), (y − Size/2)) · <see cref="FrequencyStepInverseAngstrom"/>.
/// </summary>
public sealed class PowerSpectrum
{
    private readonly Lazy<Image2D> _image;
    private readonly ReadOnlyMemory<float> _halfPlane;

    /// <summary>A spectrum held as the centred square <paramref name="image"/>, whose source was sampled at <paramref name="pixelSizeAngstrom"/> Å/px after binning by <paramref name="binFactor"/>, averaged over <paramref name="tileCount"/> tiles.</summary>
    public PowerSpectrum(Image2D image, double pixelSizeAngstrom, int binFactor = 1, int tileCount = 1)
        : this(Checked(image).Width, new Lazy<Image2D>(image), pixelSizeAngstrom, binFactor, tileCount)
    {
    }

    private PowerSpectrum(int size, Lazy<Image2D> image, double pixelSizeAngstrom, int binFactor, int tileCount)
    {
        if (pixelSizeAngstrom < 0 || double.IsNaN(pixelSizeAngstrom)) throw new ArgumentOutOfRangeException(nameof(pixelSizeAngstrom), pixelSizeAngstrom, "pixel size must be ≥ 0 Å (0 = unknown)");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(binFactor);
        Size = size;
        _image = image;
        PixelSizeAngstrom = pixelSizeAngstrom;
        BinFactor = binFactor;
        TileCount = tileCount;
    }

    private PowerSpectrum(int size, ReadOnlyMemory<float> halfPlane, float scale, Memory<float> centred, double pixelSizeAngstrom, int binFactor, int tileCount)
        : this(size, new Lazy<Image2D>(() => Centred(size, halfPlane, scale, centred, pixelSizeAngstrom)), pixelSizeAngstrom, binFactor, tileCount)
    {
        _halfPlane = halfPlane;
        HalfPlaneScale = scale;
    }

    private static Image2D Checked(Image2D image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width != image.Height || image.Width % 2 != 0)
            throw new ArgumentException($"a power spectrum must be square with an even size, got {image.Width}x{image.Height}", nameof(image));
        return image;
    }

    private static Image2D Centred(int size, ReadOnlyMemory<float> halfPlane, float scale, Memory<float> centred, double pixelSizeAngstrom)
    {
        var image = new Image2D(size, size, centred, VoxelSize.Isotropic(pixelSizeAngstrom));
        PowerSpectrumEstimator.Centre(halfPlane.Span, image.Pixels, size, scale);
        return image;
    }

    /// <summary>
    /// A spectrum kept as the half plane of a real input's transform (size rows, ky in FFT order, of size/2 + 1 values,
    /// kx = 0..size/2) times <paramref name="scale"/>, centred into <paramref name="centred"/> (size² floats) only when
    /// <see cref="Image"/> is first read. Rotational averages work on the half plane directly.
    /// </summary>
    internal static PowerSpectrum FromHalfPlane(int size, ReadOnlyMemory<float> halfPlane, float scale, Memory<float> centred, double pixelSizeAngstrom, int binFactor, int tileCount, double taperFraction = DefaultTaperFraction)
    {
        if (size < 2 || size % 2 != 0) throw new ArgumentException($"a power spectrum must have an even size, got {size}", nameof(size));
        if (halfPlane.Length != size * (size / 2 + 1) || centred.Length != size * size)
            throw new ArgumentException($"half plane {halfPlane.Length} / centred {centred.Length} floats do not fit a {size}x{size} spectrum");
        return new PowerSpectrum(size, halfPlane, scale, centred, pixelSizeAngstrom, binFactor, tileCount) { TaperFraction = taperFraction };
    }

    /// <summary>The centred spectrum (power, arbitrary units, ≥ 0); made from the half plane on first use when the
    /// spectrum was estimated by TemKit.</summary>
    public Image2D Image => _image.Value;

    /// <summary>The half plane (size rows of size/2 + 1, ky in FFT order), or empty when the spectrum was given centred;
    /// its values times <see cref="HalfPlaneScale"/> are the power.</summary>
    internal ReadOnlySpan<float> HalfPlane => _halfPlane.Span;

    /// <summary>Factor from the stored half-plane values to power (1 when there is no half plane).</summary>
    internal float HalfPlaneScale { get; } = 1f;

    /// <summary>Edge length in pixels (even).</summary>
    public int Size { get; }

    /// <summary>Index of the DC pixel along x and y (Size/2).</summary>
    public int Centre => Size / 2;

    /// <summary>Real-space sampling (Å/px) of the data the spectrum was computed from, after binning; 0 if unknown.</summary>
    public double PixelSizeAngstrom { get; }

    /// <summary>Block-averaging factor applied to the micrograph before tiling (1 = none).</summary>
    public int BinFactor { get; }

    /// <summary>Pixel size (Å) of the original micrograph: <see cref="PixelSizeAngstrom"/> / <see cref="BinFactor"/>.</summary>
    public double OriginalPixelSizeAngstrom => PixelSizeAngstrom / BinFactor;

    /// <summary>Number of tile periodograms averaged (1 for a precomputed spectrum).</summary>
    public int TileCount { get; }

    /// <summary>Fraction of each tile edge the estimate tapered by its raised-cosine (Tukey) window
    /// (<see cref="PowerSpectrumOptions.TaperFraction"/>); the window's autocorrelation sets how much of the contrast of
    /// fine Thon rings the spectrum keeps. For a spectrum given as an image, the estimator's default (0.1) is assumed.</summary>
    public double TaperFraction { get; init; } = DefaultTaperFraction;

    /// <summary>The estimator's default taper fraction.</summary>
    internal const double DefaultTaperFraction = 0.1;

    /// <summary>True when the pixel size is known, so frequencies in 1/Å are available.</summary>
    public bool IsCalibrated => PixelSizeAngstrom > 0 && double.IsFinite(PixelSizeAngstrom);

    /// <summary>Spatial frequency of one spectrum pixel, 1/(Size · PixelSizeAngstrom) in 1/Å (NaN if uncalibrated).</summary>
    public double FrequencyStepInverseAngstrom => IsCalibrated ? 1.0 / (Size * PixelSizeAngstrom) : double.NaN;

    /// <summary>
    /// Wraps a precomputed centred spectrum (DC at (Size/2, Size/2), as RELION and CTFFIND write them).
    /// Amplitude spectra are squared to power; negative values (after background subtraction elsewhere) become 0.
    /// </summary>
    /// <param name="image">Square, even-sized centred spectrum.</param>
    /// <param name="pixelSizeAngstrom">Real-space pixel size (Å) of the data it was computed from.</param>
    /// <param name="isAmplitude">True for |F|, false for |F|².</param>
    public static PowerSpectrum FromCentredImage(Image2D image, double pixelSizeAngstrom, bool isAmplitude)
    {
        ArgumentNullException.ThrowIfNull(image);
        var copy = new Image2D(image.Width, image.Height, VoxelSize.Isotropic(pixelSizeAngstrom), image.Metadata);
        var src = image.Pixels;
        var dst = copy.Pixels;
        for (int i = 0; i < src.Length; i++)
        {
            float v = src[i];
            if (!float.IsFinite(v) || v < 0) v = 0;
            dst[i] = isAmplitude ? v * v : v;
        }
        return new PowerSpectrum(copy, pixelSizeAngstrom);
    }
}
