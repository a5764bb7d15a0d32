namespace TemKit.Pipelines.Segmentation;

/// <summary>Settings of a <see cref="SegmentRun"/>: the per-image segmentation settings and what to write.</summary>
public sealed record SegmentRunOptions
{
    /// <summary>Threshold, tiling, pixel-size handling and particle labelling.</summary>
    public SegmentationOptions Segmentation { get; init; } = new();

    /// <summary>Write STEM.overlay.png (the image in grey with the mask tinted orange) per image.</summary>
    public bool WriteOverlays { get; init; } = true;

    /// <summary>
    /// True masks to score against (an MRC/DM stack or a PNG): one frame per image, paired with the images in input
    /// order; null = no scoring. Values &gt; 0.5 are foreground.
    /// </summary>
    public string? TruthPath { get; init; }

    /// <summary>
    /// A <c>temkit defocus</c> run folder that measured every image's CTF (<see cref="Defocus.MeasuredDefocus"/>); null = none.
    /// Each image's measured defocus is recorded in segmentation.csv and used by <see cref="CtfCorrection"/>.
    /// </summary>
    public string? DefocusRunFolder { get; init; }

    /// <summary>CTF correction applied before segmentation with each image's measured CTF (needs <see cref="DefocusRunFolder"/>).</summary>
    public TemKit.CtfCorrection.CtfCorrectionOptions CtfCorrection { get; init; } = new();
}
