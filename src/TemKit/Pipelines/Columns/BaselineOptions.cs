namespace TemKit.Pipelines.Columns;

/// <summary>Whether atomic columns image dark (the usual HRTEM contrast near Scherzer focus) or bright.</summary>
public enum ColumnContrast
{
    /// <summary>Columns are intensity minima.</summary>
    Dark,

    /// <summary>Columns are intensity maxima.</summary>
    Bright,
}

/// <summary>The network-free baseline (<see cref="BaselineColumns"/>): peaks of the Gaussian-filtered raw image.</summary>
/// <param name="FilterSigmaAngstrom">Gaussian filter standard deviation (Å).</param>
/// <param name="Contrast">Whether columns are dark or bright in the raw image.</param>
/// <param name="ThresholdSigma">Peaks below this many standard deviations of the filtered image above its mean are dropped.</param>
/// <param name="MinSpacingAngstrom">Minimum distance between peaks (Å).</param>
public sealed record BaselineOptions(double FilterSigmaAngstrom = 0.5, ColumnContrast Contrast = ColumnContrast.Dark, double ThresholdSigma = 1.0, double MinSpacingAngstrom = 2.0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(FilterSigmaAngstrom >= 0) || !double.IsFinite(FilterSigmaAngstrom)) throw new ArgumentException($"baseline filter sigma must be ≥ 0 Å, got {FilterSigmaAngstrom}");
        if (!double.IsFinite(ThresholdSigma)) throw new ArgumentException($"baseline threshold must be finite, got {ThresholdSigma}");
        if (!Enum.IsDefined(Contrast)) throw new ArgumentException($"unknown column contrast {Contrast}");
    }

    /// <summary>The peak finder settings the baseline uses on its standardised map.</summary>
    public PeakFinderOptions PeakOptions => new(MinSpacingAngstrom, ThresholdSigma);
}
