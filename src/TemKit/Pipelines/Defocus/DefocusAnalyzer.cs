using System.Globalization;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.Pipelines.Defocus.Report;

namespace TemKit.Pipelines.Defocus;

/// <summary>
/// Runs the per-image chain of stages: read (first frame or average), power spectrum of tiles, rotational profile,
/// smoothing, Thon-ring peaks and the CTF fit, and draws the report thumbnails. Thread-safe; one call per image.
/// </summary>
public sealed class DefocusAnalyzer
{
    private readonly DefocusRunOptions _options;
    private readonly PowerSpectrumOptions _spectrumOptions;
    private readonly CtfFitOptions _fitOptions;

    /// <summary>Creates an analyzer; <paramref name="figuresFolder"/> receives the thumbnails (null = none) and
    /// <paramref name="diagnosticsFolder"/> the CTFFIND-style diagnostic images, MRC and PNG (null = none).</summary>
    public DefocusAnalyzer(DefocusRunOptions options, string? figuresFolder, string? diagnosticsFolder = null)
    {
        options.Validate();
        _options = options;
        _spectrumOptions = options.ToSpectrumOptions();
        _fitOptions = options.ToFitOptions();
        FiguresFolder = figuresFolder;
        DiagnosticsFolder = diagnosticsFolder;
        if (figuresFolder != null) Directory.CreateDirectory(figuresFolder);
    }

    /// <summary>Folder of the per-image diagnostic images (KEY.ctf.mrc, KEY.ctf.png), or null.</summary>
    public string? DiagnosticsFolder { get; }

    /// <summary>Folder of the per-image PNG thumbnails (image and spectrum), or null.</summary>
    public string? FiguresFolder { get; }

    /// <summary>Called (from the analysing thread) with a one-line warning about an image that is still analysed, e.g. a
    /// file that records another acceleration voltage than the one the CTF is fitted at.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>The warning for a file that records <paramref name="recordedKilovolts"/> when the CTF is fitted at
    /// <paramref name="fittedKilovolts"/>, or null when they agree within 0.5 kV or the file records none.</summary>
    public static string? VoltageMismatch(string file, double? recordedKilovolts, double fittedKilovolts) =>
        recordedKilovolts is { } kv && double.IsFinite(kv) && kv > 0 && Math.Abs(kv - fittedKilovolts) > 0.5
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)}: the file records {kv:G4} kV, but the CTF is fitted at {fittedKilovolts:G4} kV; the defocus is right only if {fittedKilovolts:G4} kV is (give the voltage the micrographs were taken at)")
            : null;

    /// <summary>
    /// Analyses one file. Never throws for a bad input: a file that cannot be read or fitted gives a part with
    /// status error and a one-line message. <paramref name="buffer"/> is reused between calls to keep memory flat.
    /// </summary>
    public ImagePart Analyse(string file, ImageBuffer? buffer = null)
    {
        file = Path.GetFullPath(file);
        string acquired = "";
        try
        {
            using var source = ImageFile.Open(file);
            acquired = AcquiredTime(file, source.Metadata);
            if (!_options.InputIsPowerSpectrum && VoltageMismatch(file, source.Metadata.VoltageKilovolts, _options.Optics.VoltageKilovolts) is { } mismatch)
                Warning?.Invoke(mismatch);
            var image = Read(source, buffer);
            return Analyse(file, image, acquired, buffer);
        }
        catch (Exception e) when (e is TemKitFormatException or IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException)
        {
            if (acquired.Length == 0 && File.Exists(file)) acquired = AcquiredTime(file, new ImageMetadata());
            return ImagePart.Failed(file, OneLine(e), acquired);
        }
    }

    /// <summary>Why <paramref name="pixels"/> cannot hold a CTF (non-finite values, or one value everywhere), or null.
    /// Without this an all-NaN or all-zero micrograph gave a flat spectrum and an "ok" fit at an arbitrary defocus.</summary>
    internal static string? NoSignal(ReadOnlySpan<float> pixels)
    {
        var stats = Imaging.ImageStatistics.Of(pixels);
        if (stats.NonFiniteCount > 0)
            return $"{stats.NonFiniteCount} of {stats.Count} pixels are not finite (NaN or ±infinity): not a usable micrograph";
        if (stats.Count == 0 || stats.Min == stats.Max)
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"constant image (every pixel is {stats.Min:G6}): no signal to fit");
        return null;
    }

    /// <summary>Analyses an image already in memory (its pixel size, or the override, calibrates it); the spectrum goes
    /// into <paramref name="buffer"/> when given.</summary>
    public ImagePart Analyse(string file, Image2D image, string acquired, ImageBuffer? buffer = null)
    {
        double pixel = _options.PixelSizeAngstrom ?? (image.PixelSize.IsKnown ? image.PixelSizeAngstrom : double.NaN);
        if (!(pixel > 0)) return ImagePart.Failed(file, "the header has no pixel size; give --pixel-size-angstrom", acquired);
        if (NoSignal(image.Pixels) is { } problem) return ImagePart.Failed(file, problem, acquired);
        image = image.WithPixelSize(new VoxelSize(pixel, pixel, image.PixelSize.ZAngstrom));
        double mean = MeanOf(image.Pixels);

        var spectrum = _options.InputIsPowerSpectrum
            ? PowerSpectrum.FromCentredImage(Square(image, file), pixel, _options.SpectrumIsAmplitude)
            : PowerSpectrumEstimator.Estimate(image, _spectrumOptions, buffer == null ? null : buffer.GetSpectrum);
        var profile = RadialProfile.Compute(spectrum, new RadialProfileOptions { Amplitude = true });
        var profileCurve = new ProfileCurve(profile.RadiusPx, profile.FrequencyInverseAngstrom, profile.Value);
        var smoothed = ProfileStages.Smooth(profileCurve, spectrum.PixelSizeAngstrom, spectrum.Size, _options);
        var peaks = ProfileStages.FindPeaks(smoothed, spectrum.PixelSizeAngstrom, spectrum.Size, _options);
        var baseRow = new DefocusResult
        {
            File = file,
            Status = DefocusResult.StatusOk,
            MeanIntensity = mean,
            Acquired = acquired,
            AcquiredSource = image.Metadata.Acquired.HasValue ? DefocusResult.AcquiredFromMetadata : DefocusResult.AcquiredFromFile,
            PixelSizeAngstrom = pixel,
            SpectrumPixelSizeAngstrom = spectrum.PixelSizeAngstrom,
            SpectrumSizePx = spectrum.Size,
        };
        baseRow = ProfileStages.WithSecondPeak(baseRow, peaks);

        CtfFitResult fit;
        try
        {
            fit = CtfFitter.Fit(spectrum, _fitOptions);
        }
        catch (ArgumentException e)
        {
            var failed = baseRow with { Status = DefocusResult.StatusFailed, Error = "CTF not fitted: " + OneLine(e) };
            return new ImagePart(failed, profileCurve, smoothed, peaks, null);
        }
        var row = baseRow with
        {
            Defocus1Angstrom = fit.Defocus1Angstrom,
            Defocus2Angstrom = fit.Defocus2Angstrom,
            AstigmatismAngleDegrees = fit.AstigmatismAngleDegrees,
            FitScore = fit.Score,
            FitResolutionAngstrom = fit.FitResolutionAngstrom,
            AliasingResolutionAngstrom = fit.AliasingResolutionAngstrom,
            ScoreBandLowResolutionAngstrom = fit.ScoreBandLowResolutionAngstrom,
            ScoreBandHighResolutionAngstrom = fit.ScoreBandHighResolutionAngstrom,
            FftIndexInverseAngstrom = fit.FftIndexInverseAngstrom,
            FringeWidthPx = fit.FringeWidthPx,
        };
        if (double.IsNaN(fit.FitResolutionAngstrom))
            row = row with { Status = DefocusResult.StatusFailed, Error = $"no Thon rings matched: the local correlation with the fitted CTF never held ≥ {_fitOptions.FitResolutionThreshold:G2} beyond the first zero (score {fit.Score:F3})" };
        var p = fit.Profile;
        var fitCurve = new FitCurve(p.RadiusPx, p.FrequencyInverseAngstrom, p.Normalised, p.ModelCtfSquared, p.CrossCorrelation,
            fit.Defocus1Angstrom, fit.Defocus2Angstrom, fit.AstigmatismAngleDegrees, fit.PhaseShiftRadians);
        if (DiagnosticsFolder != null) Thumbnails.WriteDiagnostic(DiagnosticsFolder, file, spectrum, fit.Parameters);
        if (FiguresFolder != null) Thumbnails.Write(FiguresFolder, file, image, spectrum, fit.Parameters, fit.FitResolutionAngstrom, _options.InputIsPowerSpectrum);
        return new ImagePart(row, profileCurve, smoothed, peaks, fitCurve);
    }

    /// <summary>Acquisition time from the metadata, else the file's modification time, as ISO 8601 (UTC).</summary>
    public static string AcquiredTime(string file, ImageMetadata metadata)
    {
        var time = metadata.Acquired ?? new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
        return time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private Image2D Read(IFrameSource source, ImageBuffer? buffer)
    {
        if (_options.AverageFrames && source.FrameCount > 1) return source.ReadAverage();
        if (buffer == null) return source.ReadImage(0);
        var memory = buffer.Get(source.Width * source.Height);
        source.ReadFrame(0, memory.Span);
        return new Image2D(source.Width, source.Height, memory, source.VoxelSize, source.Metadata);
    }

    private static Image2D Square(Image2D image, string file)
    {
        if (image.Width != image.Height || image.Width % 2 != 0)
            throw new TemKitFormatException(file, $"a power spectrum must be square with an even size, got {image.Width}x{image.Height}");
        return image;
    }

    private static double MeanOf(ReadOnlySpan<float> pixels)
    {
        double total = 0;
        const int chunk = 4096;
        for (int i = 0; i < pixels.Length; i += chunk)
            total += System.Numerics.Tensors.TensorPrimitives.Sum(pixels.Slice(i, Math.Min(chunk, pixels.Length - i)));
        return pixels.Length > 0 ? total / pixels.Length : double.NaN;
    }

    /// <summary>The exception's message on one line (batch error rows and stderr lines stay one line each).</summary>
    public static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();
}

/// <summary>
/// Reusable pixel buffers per worker (the image and its power spectrum), so a batch of equal-sized images allocates
/// once per worker: fresh 64 MB arrays for every 4096² image cost more in first-touch page faults than the FFT saves.
/// </summary>
public sealed class ImageBuffer
{
    private float[] _data = [];
    private float[] _spectrum = [];

    /// <summary>A buffer of exactly <paramref name="length"/> floats for the image (grown when needed).</summary>
    public Memory<float> Get(int length)
    {
        if (_data.Length < length) _data = new float[length];
        return _data.AsMemory(0, length);
    }

    /// <summary>A buffer of exactly <paramref name="length"/> floats for the power spectrum (grown when needed).</summary>
    public Memory<float> GetSpectrum(int length)
    {
        if (_spectrum.Length < length) _spectrum = new float[length];
        return _spectrum.AsMemory(0, length);
    }
}
