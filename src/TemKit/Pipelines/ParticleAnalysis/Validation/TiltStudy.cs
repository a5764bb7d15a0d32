using System.Globalization;
using TemKit.Detector;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.ParticleAnalysis.Validation;

/// <summary>One simulated frame of a <see cref="TiltStudy"/>.</summary>
/// <param name="Particle">Particle number (its seed).</param>
/// <param name="TiltDegrees">Tilt off [110] (degrees).</param>
/// <param name="TiltAxisDegrees">Azimuth of the tilt axis (degrees).</param>
/// <param name="DoseElectronsPerAngstrom2">Dose (e/Å²).</param>
/// <param name="Analysis">The regional Fourier analysis inside the true particle mask, or inside the detected particle's
/// mask when the study runs with a detector (empty, ratio NaN, when the detector missed the particle).</param>
public sealed record TiltStudyFrame(int Particle, double TiltDegrees, double TiltAxisDegrees, double DoseElectronsPerAngstrom2, RegionalFourierResult Analysis)
{
    /// <summary>False when the study ran with a detector and no detected particle's centroid lay within half the true
    /// particle's equivalent diameter of the true centroid.</summary>
    public bool Detected { get; init; } = true;

    /// <summary>Detected area over true area (1 with the true mask; NaN when missed).</summary>
    public double AreaRatio { get; init; } = 1;
}

/// <summary>The ROC of the ratio filter at one dose.</summary>
/// <param name="DoseElectronsPerAngstrom2">Dose (e/Å²).</param>
/// <param name="Roc">On zone (positives, small ratio) against off zone.</param>
public sealed record TiltStudyRoc(double DoseElectronsPerAngstrom2, RocCurve Roc);

/// <summary>One simulated frame of a <see cref="TiltStudy"/> before analysis.</summary>
/// <param name="Particle">Particle number (its seed).</param>
/// <param name="TiltDegrees">Tilt off [110] (degrees).</param>
/// <param name="TiltAxisDegrees">Azimuth of the tilt axis (degrees).</param>
/// <param name="DoseElectronsPerAngstrom2">Dose (e/Å²).</param>
/// <param name="Image">The detected frame (with its pixel size).</param>
/// <param name="Mask">The true particle mask (0/1, frame size).</param>
public sealed record TiltStudyImage(int Particle, double TiltDegrees, double TiltAxisDegrees, double DoseElectronsPerAngstrom2, Image2D Image, float[] Mask);

/// <summary>
/// Simulates <see cref="TiltStudyParameters"/>: for each particle and tilt one exit wave (multislice), for each dose one
/// detected frame, analysed inside its true mask; then the ROC per dose of "ratio ≤ T" for on zone against off zone.
/// </summary>
public static class TiltStudy
{
    /// <summary>Runs the study; <paramref name="progress"/> sees each exit wave finish. With
    /// <paramref name="cacheFolder"/>, the simulated frames are stored there and read back by a later run with the same
    /// parameters (bit-identical frames), so another estimator can be measured without simulating again. With
    /// <paramref name="detector"/> (e.g. a <see cref="NetworkParticleDetector"/> of a shipped model) each frame goes
    /// through <see cref="ParticleFrameAnalysis"/> as in <c>temkit particles</c>, and the particle matched to the true
    /// one is analysed inside its detected mask instead of the true mask.</summary>
    public static (IReadOnlyList<TiltStudyFrame> Frames, IReadOnlyList<TiltStudyRoc> Rocs) Run(TiltStudyParameters parameters, RegionalFourierOptions? options = null,
        IProgress<JobProgress>? progress = null, string? cacheFolder = null, IParticleDetector? detector = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new RegionalFourierOptions();
        var runOptions = new ParticlesRunOptions { Fourier = options, ReportFrames = 0 };
        var frames = Simulate(parameters, progress, cacheFolder)
            .Select(f => detector is null
                ? new TiltStudyFrame(f.Particle, f.TiltDegrees, f.TiltAxisDegrees, f.DoseElectronsPerAngstrom2, RegionalFourier.Analyse(f.Image, f.Mask, options))
                : Detect(f, detector, runOptions, parameters.DetectionFieldPx))
            .ToList();
        return (frames, Rocs(parameters, frames));
    }

    /// <summary>
    /// The frame through the detector as one particle of a larger field: the frame is placed at the centre of a
    /// <see cref="TiltStudyParameters.DetectionFieldPx"/>² field of vacuum (Poisson noise at the frame's dose), as the
    /// particles of a 4096² frame sit among vacuum and support (the detector is trained on such fields and normalises
    /// each image by its own statistics, so a frame that is nearly all particle is not what it is meant for). The
    /// detected particle nearest the true centroid (within half the true equivalent diameter) is analysed; its region
    /// lies in the frame's own pixels.
    /// </summary>
    private static TiltStudyFrame Detect(TiltStudyImage f, IParticleDetector detector, ParticlesRunOptions options, int fieldPx)
    {
        var field = DetectionField.Of(f, fieldPx);
        var result = ParticleFrameAnalysis.Analyse(field.Image, 0, "tilt-study", 0, detector, options);
        var particles = result.Record.Particles;
        int best = field.Nearest(particles.Select(p => (p.CentroidXPx, p.CentroidYPx)).ToList());
        var match = new TiltStudyFrame(f.Particle, f.TiltDegrees, f.TiltAxisDegrees, f.DoseElectronsPerAngstrom2,
            best < 0 ? RegionalFourierResult.Empty(0) : result.Analyses[best]);
        return best < 0 ? match with { Detected = false, AreaRatio = double.NaN } : match with { AreaRatio = particles[best].AreaPx / field.TrueAreaPx };
    }

    /// <summary>The ROC per dose of "ratio ≤ T", on zone (positives) against off zone.</summary>
    public static IReadOnlyList<TiltStudyRoc> Rocs(TiltStudyParameters parameters, IReadOnlyList<TiltStudyFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(frames);
        return [.. parameters.DosesElectronsPerAngstrom2.Select(dose =>
        {
            var atDose = frames.Where(f => f.DoseElectronsPerAngstrom2 == dose).ToList();
            // Lower ratio = on zone: score = −ratio; a frame without lattice pairs (NaN) ranks lowest.
            double Score(TiltStudyFrame f) => double.IsNaN(f.Analysis.Ratio) ? double.NegativeInfinity : -f.Analysis.Ratio;
            var positives = atDose.Where(f => f.TiltDegrees <= parameters.OnZoneMaxTiltDegrees).Select(Score).ToList();
            var negatives = atDose.Where(f => f.TiltDegrees >= parameters.OffZoneMinTiltDegrees).Select(Score).ToList();
            return new TiltStudyRoc(dose, RocCurve.From(positives, negatives));
        })];
    }

    /// <summary>The simulated frames in study order (particle, tilt, dose), from <paramref name="cacheFolder"/> when
    /// a frame set is stored there.</summary>
    public static IEnumerable<TiltStudyImage> Simulate(TiltStudyParameters parameters, IProgress<JobProgress>? progress = null, string? cacheFolder = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var grid = new SimulationGrid(parameters.GridPx, parameters.GridPx, parameters.PixelSizeAngstrom);
        var detector = parameters.MtfModel == 0 ? DetectorModel.Ideal : DetectorModel.Preset(parameters.MtfModel);
        var pixel = VoxelSize.Isotropic(parameters.PixelSizeAngstrom);
        int total = parameters.Particles * parameters.TiltsDegrees.Count, done = 0, doses = parameters.DosesElectronsPerAngstrom2.Count;
        int plane = parameters.GridPx * parameters.GridPx;
        for (int particle = parameters.FirstParticle; particle < parameters.FirstParticle + parameters.Particles; particle++)
            foreach (double tilt in parameters.TiltsDegrees)
            {
                string? cached = cacheFolder is null ? null : Path.Combine(cacheFolder, CacheName(parameters, particle, tilt));
                ImageStack stack;
                double axis;
                if (cached is not null && File.Exists(cached) && File.Exists(cached + ".axis"))
                {
                    stack = MrcFile.Read(cached);
                    axis = double.Parse(File.ReadAllText(cached + ".axis"), CultureInfo.InvariantCulture);
                }
                else
                {
                    var fcc = new FccParticleParameters(DiameterNanometres: parameters.DiameterNanometres, TiltDegrees: tilt);
                    var sim = ParticleSimulation.Simulate(fcc, grid, new PotentialParameters(), new MultisliceParameters(), new Random(particle));
                    var imager = new WaveImager(sim.ExitWave);
                    var noiseRng = new Random(1000 * particle + (int)Math.Round(10 * tilt));
                    stack = new ImageStack(parameters.GridPx, parameters.GridPx, doses + 1, voxelSize: pixel);
                    for (int d = 0; d < doses; d++)
                    {
                        var (detected, _) = ParticleSimulation.RenderEpoch(imager, parameters.ResolvedOptics, parameters.DosesElectronsPerAngstrom2[d], detector, noiseRng);
                        detected.Pixels.CopyTo(stack.Data.Slice(d * plane, plane));
                    }
                    sim.Mask.Pixels.CopyTo(stack.Data.Slice(doses * plane, plane));
                    axis = sim.Geometry!.TiltAxisDegrees;
                    if (cached is not null)
                    {
                        Directory.CreateDirectory(cacheFolder!);
                        MrcFile.Write(cached, stack);
                        AtomicFile.WriteAllText(cached + ".axis", axis.ToString("R", CultureInfo.InvariantCulture));
                    }
                }
                var mask = stack.Data.Slice(doses * plane, plane).ToArray();
                for (int d = 0; d < doses; d++)
                    yield return new TiltStudyImage(particle, tilt, axis, parameters.DosesElectronsPerAngstrom2[d],
                        new Image2D(parameters.GridPx, parameters.GridPx, stack.Data.Slice(d * plane, plane).ToArray(), pixel), mask);
                progress?.Report(new JobProgress("tilt study exit waves", ++done, total));
            }
    }

    private static string CacheName(TiltStudyParameters p, int particle, double tilt)
    {
        // Every parameter that changes the frames is in the name.
        string key = string.Create(CultureInfo.InvariantCulture,
            $"{p.DiameterNanometres}|{p.GridPx}|{p.PixelSizeAngstrom}|{p.MtfModel}|{p.ResolvedOptics}|{string.Join(",", p.DosesElectronsPerAngstrom2)}");
        uint hash = 2166136261;
        foreach (char c in key) hash = (hash ^ c) * 16777619;
        return string.Create(CultureInfo.InvariantCulture, $"tilt-{hash:x8}-p{particle}-t{tilt:F2}.mrc");
    }
}
