using System.Globalization;
using TemKit.Imaging;
using TemKit.Imaging.Components;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>Everything found in one frame, with the label image for figures.</summary>
/// <param name="Record">The frame row and its particles.</param>
/// <param name="Probability">Foreground probability (frame size); empty when the frame was analysed inside the
/// particles' boxes only (a coarse detector and no figures).</param>
/// <param name="Labels">Particle labels (0 = background; the labels of <see cref="FrameRecord.Particles"/>); empty as
/// <paramref name="Probability"/>.</param>
/// <param name="Analyses">Each particle's regional Fourier result, in particle order.</param>
public sealed record ParticleFrameResult(FrameRecord Record, float[] Probability, int[] Labels, IReadOnlyList<RegionalFourierResult> Analyses);

/// <summary>One frame: detect, label the components, measure them, analyse each in Fourier space, decide the filter.</summary>
public static partial class ParticleFrameAnalysis
{
    /// <summary>Analyses <paramref name="frame"/> (frame <paramref name="index"/> of the run, from
    /// <paramref name="file"/> frame <paramref name="frameInFile"/>). With an <see cref="ICoarseParticleDetector"/> and
    /// no figures (<paramref name="keepSpectra"/> false) the frame-sized maps are never made: the particles are found
    /// inside their boxes (same particles, same numbers).</summary>
    public static ParticleFrameResult Analyse(Image2D frame, int index, string file, int frameInFile, IParticleDetector detector, ParticlesRunOptions options, bool keepSpectra = false)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(options);
        if (!keepSpectra && detector is ICoarseParticleDetector coarse) return AnalyseInBoxes(frame, index, file, frameInFile, coarse, options);
        var (probability, mask) = detector.Detect(frame, index);
        int w = frame.Width, h = frame.Height;
        var labels = new int[w * h];
        int count = ConnectedComponents.Label(mask, w, h, labels, options.Segmentation.Connectivity);
        var components = ComponentMeasurements.Measure(labels, count, w, h, probability, frame.PixelSize);
        var fourier = options.Fourier with { KeepSpectrum = keepSpectra };
        var keep = new bool[count + 1];
        var chosen = components.Where(c => !(c.EquivalentDiameterNm < options.Segmentation.MinParticleDiameterNm)).ToList();
        foreach (var c in chosen) keep[c.Label] = true;
        // Particles are independent: analyse them in parallel (each FFT is small).
        var results = new RegionalFourierResult[chosen.Count];
        Parallel.For(0, chosen.Count, i =>
        {
            var c = chosen[i];
            results[i] = RegionalFourier.Analyse(frame, labels, c.Label, new PixelBox(c.MinXPx, c.MinYPx, c.MaxXPx, c.MaxYPx), fourier);
        });
        // Specks below the minimum diameter are not particles: drop their labels so figures show particles only.
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] != 0 && !keep[labels[i]]) labels[i] = 0;
        var record = Record(index, file, frameInFile, chosen, results, options);
        return new ParticleFrameResult(record, probability, labels, results);
    }

    /// <summary>The frame's record from its particles' measurements and Fourier results (same order).</summary>
    private static FrameRecord Record(int index, string file, int frameInFile, IReadOnlyList<ComponentMeasurement> chosen, IReadOnlyList<RegionalFourierResult> results, ParticlesRunOptions options)
    {
        var particles = new List<ParticleObservation>(chosen.Count);
        for (int i = 0; i < chosen.Count; i++)
        {
            var c = chosen[i];
            var result = results[i];
            particles.Add(new ParticleObservation
            {
                Frame = index,
                Label = c.Label,
                AreaPx = c.AreaPx,
                AreaNm2 = c.AreaNm2,
                EquivalentDiameterNm = c.EquivalentDiameterNm,
                EquivalentDiameterPx = c.EquivalentDiameterPx,
                CentroidXPx = c.CentroidXPx,
                CentroidYPx = c.CentroidYPx,
                Box = new PixelBox(c.MinXPx, c.MinYPx, c.MaxXPx, c.MaxYPx),
                MeanProbability = c.MeanProbability,
                TouchesEdge = c.TouchesEdge,
                Pairs = result.Pairs.Count,
                Ratio = result.Ratio,
                SpacingsAngstrom = [.. result.Pairs.Select(p => p.SpacingAngstrom)],
                DirectionsDegrees = [.. result.Pairs.Select(p => p.DirectionDegrees)],
                Zone = result.Zone?.Zone ?? "",
                ZoneResidualPercent = result.Zone?.ResidualPercent ?? double.NaN,
                Passes = result.Ratio <= options.FilterRatio,
            });
        }
        var ratios = particles.Select(p => p.Ratio).Where(r => !double.IsNaN(r)).ToList();
        double minRatio = ratios.Count > 0 ? ratios.Min() : double.NaN;
        bool kept = particles.Any(p => p.Passes);
        var inv = CultureInfo.InvariantCulture;
        string reason = particles.Count == 0 ? "no particles"
            : ratios.Count == 0 ? "no lattice peaks"
            : kept ? string.Create(inv, $"ratio {minRatio:F2} ≤ {options.FilterRatio:G4}")
            : string.Create(inv, $"ratio {minRatio:F2} > {options.FilterRatio:G4}");
        return new FrameRecord { Frame = index, File = file, FrameInFile = frameInFile, Kept = kept, Reason = reason, MinRatio = minRatio, Particles = particles };
    }
}
