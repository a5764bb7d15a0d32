namespace TemKit.Pipelines.Species;

/// <summary>Settings of <see cref="SpeciesRun"/>.</summary>
/// <param name="Finder">Peak threshold, minimum column separation and edge margin (defaults: <see cref="ColumnFinderOptions"/>).</param>
/// <param name="Register">Register frames 0 and 2 of every triplet to frame 1 before inference.</param>
/// <param name="MaxRegistrationShiftPixels">Largest shift searched by the registration (px); keep it below half a column spacing.</param>
/// <param name="PixelSizeAngstrom">Pixel size to use (Å/px) when the files carry none; null = the files' value, else the model's training pixel size.</param>
public sealed record SpeciesOptions(ColumnFinderOptions? Finder = null, bool Register = true, int MaxRegistrationShiftPixels = 4, double? PixelSizeAngstrom = null)
{
    /// <summary>The finder settings, defaulted.</summary>
    public ColumnFinderOptions ResolvedFinder => Finder ?? new ColumnFinderOptions();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        ResolvedFinder.Validate();
        if (MaxRegistrationShiftPixels is < 0 or > 256) throw new ArgumentException($"registration shift limit must be 0..256 px, got {MaxRegistrationShiftPixels}");
        if (PixelSizeAngstrom is double p && !(p is > 0 and <= 100)) throw new ArgumentException($"pixel size must be in (0, 100] Å/px, got {p}");
    }
}

/// <summary>A species run: focal-series inputs, the model, settings.</summary>
/// <param name="Inputs">Three single-frame files, or stacks of 3, 6, ... frames (see <see cref="FocalSeriesInput"/>).</param>
/// <param name="ModelPath">A 3-channel model file (.tkm) trained on focal-series triplets.</param>
/// <param name="Options">Settings.</param>
public sealed record SpeciesParameters(IReadOnlyList<string> Inputs, string ModelPath, SpeciesOptions Options);

/// <summary>The analysis of one triplet.</summary>
/// <param name="Index">Triplet index in input order (the time axis of an in-situ series).</param>
/// <param name="Name">Source, e.g. "series.mrc[3-5]".</param>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="PixelSizeAngstrom">Pixel size used (Å/px).</param>
/// <param name="ShiftsPixels">Registration shifts (x, y) of frames 0, 1, 2 relative to frame 1 (px).</param>
/// <param name="Columns">Typed columns.</param>
/// <param name="Counts">Counts and vacancy statistics.</param>
/// <param name="MiddleFrame">The registered middle frame (for overlays).</param>
/// <param name="ClassMap">Most probable class per pixel.</param>
public sealed record SpeciesFrame(int Index, string Name, int Width, int Height, double PixelSizeAngstrom, (double X, double Y)[] ShiftsPixels,
    IReadOnlyList<DetectedColumn> Columns, SpeciesCounts Counts, float[] MiddleFrame, byte[] ClassMap);

/// <summary>Result of a species run.</summary>
/// <param name="ModelPath">Model used.</param>
/// <param name="ClassNames">Class names, index = class.</param>
/// <param name="Frames">One entry per triplet, in input order.</param>
/// <param name="Notes">Warnings worth showing (pixel size assumed, outside the training range, ...).</param>
public sealed record SpeciesResult(string ModelPath, string[] ClassNames, IReadOnlyList<SpeciesFrame> Frames, IReadOnlyList<string> Notes);
