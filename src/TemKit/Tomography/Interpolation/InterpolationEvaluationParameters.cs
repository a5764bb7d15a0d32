using TemKit.Imaging;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Tomography.Interpolation;

/// <summary>One tilt series to evaluate on: the frames methods see and the frames they are scored against.</summary>
/// <param name="Name">Label (cluster folder or stack file).</param>
/// <param name="TiltsDegrees">Tilt of each frame (degrees, monotonic).</param>
/// <param name="Truth">The frames scored against (noise-free simulation, or the recorded frames of a real series).</param>
/// <param name="AtDose">The input series at a dose (e/Å²; 0 = <paramref name="Truth"/> itself) and a noise seed, in the units
/// of <paramref name="Truth"/> (noisy counts rescaled so that their expectation is the truth).</param>
public sealed record EvaluationSeries(string Name, IReadOnlyList<double> TiltsDegrees, ImageStack Truth, Func<double, int, ImageStack> AtDose)
{
    /// <summary>
    /// A recorded series (real data): the methods see every 2d-th recorded frame and are scored against the recorded
    /// frames they did not see; only dose 0 (as recorded) is meaningful.
    /// </summary>
    public static EvaluationSeries FromStack(string name, ImageStack series, IReadOnlyList<double> tiltsDegrees)
    {
        ArgumentNullException.ThrowIfNull(series);
        TiltAngleFile.Validate(tiltsDegrees, series.Nz, name);
        return new EvaluationSeries(name, tiltsDegrees, series, (dose, _) => dose > 0
            ? throw new ArgumentException($"{name}: a recorded series is evaluated as recorded (dose 0) only")
            : series);
    }
}

/// <summary>Settings of <see cref="InterpolationEvaluation"/>.</summary>
public sealed record InterpolationEvaluationParameters
{
    /// <summary>Gaps d (frames): methods see every 2d-th frame and predict the frames half-way.</summary>
    public IReadOnlyList<int> GapsFrames { get; init; } = [1, 2, 4];

    /// <summary>Doses of the input frames (e/Å²); 0 = noise-free (or as recorded).</summary>
    public IReadOnlyList<double> DosesElectronsPerAngstrom2 { get; init; } = [0, 1e3, 3e3, 1e4];

    /// <summary>Reconstruction comparisons: every f-th frame alone and filled back to every frame (f a power of two; empty = none).</summary>
    public IReadOnlyList<int> ReconstructionFactors { get; init; } = [2, 4];

    /// <summary>Reconstruction of the volumes compared (default WBP, Ram-Lak).</summary>
    public ReconstructionOptions VolumeReconstruction { get; init; } = new() { Method = ReconstructionMethod.Wbp };

    /// <summary>The physics baseline's reconstruction (default SIRT, 30 iterations, non-negative); null = no physics baseline.</summary>
    public ReconstructionOptions? Reprojection { get; init; } = new() { Method = ReconstructionMethod.Sirt, Iterations = 30, NonNegative = true };

    /// <summary>The motion-compensated method without learning (<see cref="FlowInterpolator"/>); null = left out.</summary>
    public FlowInterpolationOptions? Flow { get; init; } = new();

    /// <summary>Seed of the Poisson noise.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Worker threads of the reconstructions (0 = all cores).</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (GapsFrames.Count == 0 || GapsFrames.Any(g => g is < 1 or > 90)) throw new ArgumentException("gaps: give gaps of 1..90 frames");
        if (DosesElectronsPerAngstrom2.Count == 0 || DosesElectronsPerAngstrom2.Any(d => !(d >= 0))) throw new ArgumentException("doses: give doses ≥ 0 e/Å²");
        if (ReconstructionFactors.Any(f => f < 2 || (f & (f - 1)) != 0)) throw new ArgumentException("reconstruction factors must be powers of two ≥ 2");
        VolumeReconstruction.Validate();
        Reprojection?.Validate();
        Flow?.Validate();
    }
}

/// <summary>Mean scores of one method's predicted frames (per-frame min-max normalised, data range 1).</summary>
/// <param name="Method">"linear", "flow", "learned", "reprojection".</param>
/// <param name="GapFrames">d.</param>
/// <param name="DoseElectronsPerAngstrom2">Input dose (0 = noise-free).</param>
/// <param name="PsnrDb">Mean PSNR over the predicted frames (dB).</param>
/// <param name="Ssim">Mean SSIM.</param>
/// <param name="Mse">Mean squared error.</param>
/// <param name="Frames">Frames scored.</param>
/// <param name="RawPsnrDb">Mean PSNR without normalisation (dB): the prediction in the stack's units against the true frame, data
/// range = the true frame's max − min (as <see cref="Quality.ImageQuality.Psnr"/>); insensitive to the offset a
/// single negative or noisy pixel gives a min-max normalised frame.</param>
public sealed record FrameScore(string Method, int GapFrames, double DoseElectronsPerAngstrom2, double PsnrDb, double Ssim, double Mse, int Frames, double RawPsnrDb);

/// <summary>Mean scores of a reconstruction against the reference reconstruction from every frame of the truth.</summary>
/// <param name="Series">"all frames", "every 2nd", "every 2nd + linear", ...</param>
/// <param name="Factor">f: every f-th frame kept (1 for all frames).</param>
/// <param name="DoseElectronsPerAngstrom2">Input dose.</param>
/// <param name="PsnrDb">Mean volume PSNR (dB, range of the reference).</param>
/// <param name="Ssim">Mean 3D SSIM.</param>
/// <param name="MeanFsc">Mean FSC with the reference over the shells from the first non-zero frequency to Nyquist (volume FSCs against a
/// noise-free reference stay above 0.5 to Nyquist here, so a threshold crossing does not separate the methods).</param>
/// <param name="Volumes">Volumes scored.</param>
public sealed record VolumeScore(string Series, int Factor, double DoseElectronsPerAngstrom2, double PsnrDb, double Ssim, double MeanFsc, int Volumes);

/// <summary>Progress of an evaluation.</summary>
/// <param name="Done">Series × dose combinations finished.</param>
/// <param name="Item">What was just finished.</param>
public sealed record InterpolationEvaluationProgress(int Done, string Item);

/// <summary>What an evaluation measured.</summary>
/// <param name="Frames">Frame scores per method, gap and dose.</param>
/// <param name="Volumes">Reconstruction scores per series kind, factor and dose.</param>
/// <param name="SeriesNames">The series evaluated.</param>
/// <param name="Example">One example (noise-free, largest gap): truth and each method's prediction of a frame near 0°.</param>
/// <param name="Seconds">Wall time (s).</param>
/// <param name="InferenceSecondsPerFrame">Mean learned-model time per predicted frame (s), or NaN without a model.</param>
public sealed record InterpolationEvaluationResult(IReadOnlyList<FrameScore> Frames, IReadOnlyList<VolumeScore> Volumes, IReadOnlyList<string> SeriesNames,
    IReadOnlyList<(string Name, Image2D Image)> Example, double Seconds, double InferenceSecondsPerFrame);
