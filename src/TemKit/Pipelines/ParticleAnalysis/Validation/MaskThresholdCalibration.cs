using MathNet.Numerics.Statistics;
using System.Globalization;
using TemKit.Imaging.Components;
using TemKit.Neural.Models;
using TemKit.Pipelines.Segmentation;

namespace TemKit.Pipelines.ParticleAnalysis.Validation;

/// <summary>Settings of <see cref="MaskThresholdCalibration"/>.</summary>
/// <param name="ThresholdsToTry">Foreground probability thresholds measured (each in (0, 1]).</param>
/// <param name="ChoiceMinDoseElectronsPerAngstrom2">Only frames at this dose or above (e/Å²) decide the choice; lower doses
/// are measured and reported.</param>
/// <param name="DetectionFieldPx">Side of the vacuum field each frame is placed in for detection (px; <see cref="DetectionField"/>).</param>
/// <param name="MinParticleDiameterNm">Mask components below this equivalent diameter are not particles (as in <c>temkit particles</c>).</param>
public sealed record MaskThresholdCalibrationOptions(
    IReadOnlyList<double> ThresholdsToTry,
    double ChoiceMinDoseElectronsPerAngstrom2 = 200,
    int DetectionFieldPx = 1024,
    double MinParticleDiameterNm = 0.3)
{
    /// <summary>Thresholds 0.05, 0.10, ..., 0.60; choice over 200 e/Å² and above.</summary>
    public static MaskThresholdCalibrationOptions Default { get; } = new([.. Enumerable.Range(1, 12).Select(i => Math.Round(i * 0.05, 2))]);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(ThresholdsToTry);
        if (ThresholdsToTry.Count == 0) throw new ArgumentException("no thresholds to try");
        foreach (double t in ThresholdsToTry)
            if (!(t > 0 && t <= 1)) throw new ArgumentException($"threshold {t} is not in (0, 1]");
        if (!(ChoiceMinDoseElectronsPerAngstrom2 >= 0)) throw new ArgumentException($"choice dose must be ≥ 0 e/Å², got {ChoiceMinDoseElectronsPerAngstrom2}");
        if (DetectionFieldPx < 1) throw new ArgumentException($"detection field must be ≥ 1 px, got {DetectionFieldPx}");
    }
}

/// <summary>One validation frame: the detected particle's area over the true area at each threshold tried.</summary>
/// <param name="Particle">Particle number (its seed).</param>
/// <param name="TiltDegrees">Tilt off [110] (degrees).</param>
/// <param name="DoseElectronsPerAngstrom2">Dose (e/Å²).</param>
/// <param name="AreaRatios">Detected over true area per threshold (same order as the thresholds); NaN when no detected
/// particle's centroid lay within half the true equivalent diameter of the true centroid.</param>
public sealed record MaskAreaSample(int Particle, double TiltDegrees, double DoseElectronsPerAngstrom2, IReadOnlyList<double> AreaRatios);

/// <summary>What <see cref="MaskThresholdCalibration.Run"/> measured and chose.</summary>
/// <param name="Thresholds">Thresholds tried.</param>
/// <param name="Samples">One per validation frame.</param>
/// <param name="ChosenThreshold">The tried threshold whose median area ratio over the choice frames (detected ones,
/// dose ≥ the choice dose) is nearest 1 in log terms.</param>
/// <param name="ChoiceMinDoseElectronsPerAngstrom2">Dose from which frames decided the choice (e/Å²).</param>
public sealed record MaskThresholdCalibrationResult(IReadOnlyList<double> Thresholds, IReadOnlyList<MaskAreaSample> Samples, double ChosenThreshold,
    double ChoiceMinDoseElectronsPerAngstrom2)
{
    /// <summary>Median detected/true area at threshold index <paramref name="t"/> over the detected frames that
    /// <paramref name="select"/> accepts (NaN when none).</summary>
    public double MedianAreaRatio(int t, Func<MaskAreaSample, bool> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        var ratios = Samples.Where(select).Select(s => s.AreaRatios[t]).Where(r => !double.IsNaN(r)).ToArray();
        return ratios.Length == 0 ? double.NaN : ratios.Median();
    }

    /// <summary>Frames <paramref name="select"/> accepts in which the particle was found at threshold index <paramref name="t"/>.</summary>
    public int Detected(int t, Func<MaskAreaSample, bool> select)
    {
        ArgumentNullException.ThrowIfNull(select);
        return Samples.Where(select).Count(s => !double.IsNaN(s.AreaRatios[t]));
    }

    /// <summary>A table: per threshold, the median detected/true area and the particles found per dose.</summary>
    public string Table()
    {
        var inv = CultureInfo.InvariantCulture;
        var doses = Samples.Select(s => s.DoseElectronsPerAngstrom2).Distinct().Order().ToList();
        var lines = new List<string> { "| threshold | " + string.Join(" | ", doses.Select(d => string.Create(inv, $"{d:G} e/Å²: median area ratio (found)"))) + $" | median, ≥ {ChoiceMinDoseElectronsPerAngstrom2:G} e/Å² |" };
        for (int t = 0; t < Thresholds.Count; t++)
        {
            var cells = doses.Select(d => string.Create(inv, $"{MedianAreaRatio(t, s => s.DoseElectronsPerAngstrom2 == d):F3} ({Detected(t, s => s.DoseElectronsPerAngstrom2 == d)}/{Samples.Count(s => s.DoseElectronsPerAngstrom2 == d)})"));
            string mark = Thresholds[t] == ChosenThreshold ? " (chosen)" : "";
            lines.Add(string.Create(inv, $"| {Thresholds[t]:G4}{mark} | {string.Join(" | ", cells)} | {MedianAreaRatio(t, s => s.DoseElectronsPerAngstrom2 >= ChoiceMinDoseElectronsPerAngstrom2):F3} |"));
        }
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// Calibrates a detector's mask threshold by measurement: simulated particles with a known mask (e.g.
/// <see cref="TiltStudy.Simulate"/> of particles never used for testing) go through the detector once each
/// (<see cref="DetectionField"/>); the probability is thresholded at each tried value, the particle nearest the truth
/// is labelled and measured as in <c>temkit particles</c>, and the threshold whose median detected/true area is nearest
/// 1 is chosen. A network's probability falls off across a particle's edge, and its 0.5 contour need not be the edge.
/// </summary>
public static class MaskThresholdCalibration
{
    /// <summary>Measures <paramref name="frames"/> through <paramref name="detector"/> at each threshold of
    /// <paramref name="options"/> and chooses one; <paramref name="progress"/> sees each frame finish.</summary>
    public static MaskThresholdCalibrationResult Run(IEnumerable<TiltStudyImage> frames, IParticleDetector detector, MaskThresholdCalibrationOptions options,
        IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var samples = new List<MaskAreaSample>();
        int total = frames.TryGetNonEnumeratedCount(out int n) ? n : 0;
        foreach (var f in frames)
        {
            samples.Add(Measure(f, detector, options));
            progress?.Report(new JobProgress("mask threshold calibration frames", samples.Count, Math.Max(total, samples.Count)));
        }
        if (samples.Count == 0) throw new ArgumentException("no validation frames", nameof(frames));
        var result = new MaskThresholdCalibrationResult(options.ThresholdsToTry, samples, double.NaN, options.ChoiceMinDoseElectronsPerAngstrom2);
        double bestError = double.PositiveInfinity, chosen = double.NaN;
        for (int t = 0; t < options.ThresholdsToTry.Count; t++)
        {
            double median = result.MedianAreaRatio(t, s => s.DoseElectronsPerAngstrom2 >= options.ChoiceMinDoseElectronsPerAngstrom2);
            double error = Math.Abs(Math.Log(median));
            if (error < bestError) { bestError = error; chosen = options.ThresholdsToTry[t]; }
        }
        if (double.IsNaN(chosen)) throw new ArgumentException($"no particle was detected in a frame at {options.ChoiceMinDoseElectronsPerAngstrom2} e/Å² or above at any threshold tried");
        return result with { ChosenThreshold = chosen };
    }

    /// <summary>
    /// Calibrates the model of <paramref name="modelPath"/> on the simulated particles of <paramref name="validation"/>
    /// (<see cref="TiltStudy.Simulate"/>, stored in <paramref name="cacheFolder"/> when given) and writes it to
    /// <paramref name="outputPath"/> (atomically; never over the input) with the chosen threshold recorded as
    /// <see cref="ModelOutput.MaskThreshold"/>, weights and training state unchanged.
    /// </summary>
    public static MaskThresholdCalibrationResult Calibrate(string modelPath, string outputPath, TiltStudyParameters validation, MaskThresholdCalibrationOptions options,
        string? cacheFolder = null, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        ArgumentNullException.ThrowIfNull(validation);
        if (Path.GetFullPath(modelPath) == Path.GetFullPath(outputPath)) throw new ArgumentException($"{outputPath}: the calibrated model must not overwrite its input");
        var model = ModelFile.Load(modelPath);
        var detector = new NetworkParticleDetector(model, new SegmentationOptions(), Path.GetFileName(modelPath));
        var result = Run(TiltStudy.Simulate(validation, progress, cacheFolder), detector, options);
        ModelFile.Save(outputPath, model.Network, model.Optimiser, model.Training, model.Input, model.Output with { MaskThreshold = result.ChosenThreshold });
        return result;
    }

    private static MaskAreaSample Measure(TiltStudyImage f, IParticleDetector detector, MaskThresholdCalibrationOptions options)
    {
        var field = DetectionField.Of(f, options.DetectionFieldPx);
        var image = field.Image;
        int w = image.Width, h = image.Height;
        var (probability, _) = detector.Detect(image, 0);
        var mask = new byte[w * h];
        var labels = new int[w * h];
        var ratios = new double[options.ThresholdsToTry.Count];
        for (int t = 0; t < ratios.Length; t++)
        {
            float threshold = (float)options.ThresholdsToTry[t];
            for (int i = 0; i < mask.Length; i++) mask[i] = probability[i] >= threshold ? (byte)1 : (byte)0;
            int count = ConnectedComponents.Label(mask, w, h, labels);
            var particles = ComponentMeasurements.Measure(labels, count, w, h, [], image.PixelSize)
                .Where(c => !(c.EquivalentDiameterNm < options.MinParticleDiameterNm)).ToList();
            int best = field.Nearest([.. particles.Select(c => (c.CentroidXPx, c.CentroidYPx))]);
            ratios[t] = best < 0 ? double.NaN : particles[best].AreaPx / field.TrueAreaPx;
        }
        return new MaskAreaSample(f.Particle, f.TiltDegrees, f.DoseElectronsPerAngstrom2, ratios);
    }
}
