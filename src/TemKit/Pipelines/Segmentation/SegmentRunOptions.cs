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
}
