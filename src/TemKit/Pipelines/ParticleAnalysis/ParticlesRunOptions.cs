using TemKit.Pipelines.Segmentation;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>Settings of a <see cref="ParticlesRun"/>: segmentation, the regional Fourier analysis, tracking and the
/// zone-axis frame filter.</summary>
public sealed record ParticlesRunOptions
{
    /// <summary>
    /// Default ratio threshold of the frame filter (peak-height ratio): the middle of the Youden-optimal thresholds of
    /// the ROCs measured by <see cref="Validation.TiltStudy"/> at 200, 1000 and 5000 e/Å² (4.53, 2.45, 2.34; on zone ≤ 1°
    /// vs off zone ≥ 3°, 2.5 nm Au on CeO2; pooled over these doses the Youden index is 0.83 here, flat from 2.0 to
    /// 3.5; docs/particle-analysis.md, "Choosing the threshold").
    /// </summary>
    public const double DefaultFilterRatio = 2.5;

    /// <summary>Segmentation by the network (threshold, tiles, pixel size).</summary>
    public SegmentationOptions Segmentation { get; init; } = new();

    /// <summary>The per-particle regional Fourier analysis.</summary>
    public RegionalFourierOptions Fourier { get; init; } = new();

    /// <summary>A particle passes the filter when its ratio is at or below this (finite, ≥ 1); a frame is kept when at
    /// least one of its particles passes.</summary>
    public double FilterRatio { get; init; } = DefaultFilterRatio;

    /// <summary>A particle links to a track whose last centroid is at most this far (px), or half the particle's
    /// equivalent diameter if that is larger.</summary>
    public double TrackMaxDistancePx { get; init; } = 10;

    /// <summary>A track survives this many frames without a particle before it ends (a "disappear" event).</summary>
    public int TrackMaxGapFrames { get; init; } = 2;

    /// <summary>Frames shown in the report with the Fig. 1 quad and the ratio map: the first, the middle and the last
    /// (up to this many, evenly spaced).</summary>
    public int ReportFrames { get; init; } = 3;

    /// <summary>Side of the square crops of passing particles in select/crops.mrc (px); 0 = automatic, the smallest
    /// multiple of 32 px at least 1.5 x the largest passing particle's bounding box (<see cref="ParticleCrops.Plan"/>).</summary>
    public int CropSizePx { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Segmentation.Validate();
        Fourier.Validate();
        if (!(FilterRatio >= 1) || !double.IsFinite(FilterRatio)) throw new ArgumentOutOfRangeException(nameof(FilterRatio), FilterRatio, "ratio threshold must be a finite number ≥ 1");
        if (!(TrackMaxDistancePx >= 0) || !double.IsFinite(TrackMaxDistancePx)) throw new ArgumentOutOfRangeException(nameof(TrackMaxDistancePx), TrackMaxDistancePx, "must be ≥ 0 px");
        if (TrackMaxGapFrames < 0) throw new ArgumentOutOfRangeException(nameof(TrackMaxGapFrames), TrackMaxGapFrames, "must be ≥ 0 frames");
        if (CropSizePx < 0) throw new ArgumentOutOfRangeException(nameof(CropSizePx), CropSizePx, "must be ≥ 0 px (0 = automatic)");
        if (ReportFrames < 0) throw new ArgumentOutOfRangeException(nameof(ReportFrames), ReportFrames, "must be ≥ 0");
    }
}
