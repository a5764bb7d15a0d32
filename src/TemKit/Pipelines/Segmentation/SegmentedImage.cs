using TemKit.Imaging.Components;
using TemKit.Neural.Training;

namespace TemKit.Pipelines.Segmentation;

/// <summary>One row of segmentation.csv: an image of the run (a file, or one frame of a stack) and its numbers.</summary>
public sealed record SegmentedImage
{
    /// <summary>1-based position in the run, in input order (frames of a stack in frame order).</summary>
    public required int Index { get; init; }

    /// <summary>Full path of the input file.</summary>
    public required string File { get; init; }

    /// <summary>Frame of a multi-frame file (0-based); null for a single image.</summary>
    public int? Frame { get; init; }

    /// <summary>Name stem of this image's outputs in the run folder (STEM.mask.mrc, ...), unique per input path and frame.</summary>
    public required string OutputStem { get; init; }

    /// <summary>The segmentation, or null when the image failed.</summary>
    public SegmentationResult? Result { get; init; }

    /// <summary>Scores against the true mask (--truth), or null.</summary>
    public SegmentationScores? Scores { get; init; }

    /// <summary>Mean defocus (Å) the defocus run measured for this image (--defocus-from), or null.</summary>
    public double? MeasuredDefocusAngstrom { get; init; }

    /// <summary>fft_index of the image in the defocus run (1/Å; the 2nd maximum of its fitted CTF), or null without one.</summary>
    public double? FftIndexInverseAngstrom { get; init; }

    /// <summary>fringe_width_px of the image in the defocus run (√(λΔf) in px), or null without one.</summary>
    public double? FringeWidthPx { get; init; }

    /// <summary>fit_score of the image in the defocus run, or null without one.</summary>
    public double? FitScore { get; init; }

    /// <summary>The model chosen for this image by its defocus band (<see cref="SegmentRun.Bands"/>), or null for a run of one model.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Why the image failed (one line), or null.</summary>
    public string? Error { get; init; }

    /// <summary>True when the image was segmented.</summary>
    public bool IsOk => Error is null && Result is not null;
}

/// <summary>One row of particles.csv: a particle and the image it was found in.</summary>
/// <param name="Image">The image (its <see cref="SegmentedImage.Index"/>, file and frame).</param>
/// <param name="Particle">The particle's measurements.</param>
public sealed record ParticleRow(SegmentedImage Image, ComponentMeasurement Particle);

/// <summary>What a <see cref="SegmentRun"/> produced.</summary>
/// <param name="Images">One row per image, in input order (failed images included).</param>
/// <param name="Particles">Every particle of every image, in image then label order.</param>
/// <param name="TablePath">RUN/segmentation.csv.</param>
/// <param name="ParticlesPath">RUN/particles.csv.</param>
/// <param name="SizePlotPath">RUN/particle-sizes.svg.</param>
public sealed record SegmentRunResult(IReadOnlyList<SegmentedImage> Images, IReadOnlyList<ParticleRow> Particles,
    string TablePath, string ParticlesPath, string SizePlotPath)
{
    /// <summary>Images that failed.</summary>
    public int Failed => Images.Count(i => !i.IsOk);
}
