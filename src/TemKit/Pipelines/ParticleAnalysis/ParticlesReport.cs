using System.Globalization;
using TemKit.Reporting;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>report.html of a particles run: summary, the Fig. 1 quad and the ratio map of the report frames, the
/// per-track plots, and the frame table (first 200 rows).</summary>
public static class ParticlesReport
{
    internal static void Write(ParticlesRun run, IReadOnlyList<FrameRecord> records, IReadOnlyList<ParticleTrack> tracks)
    {
        var inv = CultureInfo.InvariantCulture;
        var report = new HtmlReport("Particle analysis")
        {
            Subtitle = $"{records.Count} frame(s), {records.Sum(r => r.Particles.Count)} particle observation(s), {tracks.Count} track(s); detection: {run.Detector.Description}",
            Provenance = Provenance.Now(new { options = run.Options, detector = run.Detector.Description }, run.CommandLine),
        };
        int kept = records.Count(r => r.Kept);
        report.AddParagraph(string.Create(inv,
            $"Frame filter: a frame is kept when one of its particles has a brightest/dimmest Fourier peak-pair ratio ≤ {run.Options.FilterRatio:G4} " +
            $"(lower = closer to a zone axis). Kept {kept} of {records.Count} frame(s); list in select/kept-frames.txt, stack in select/kept.mrc."));
        foreach (int frame in ParticlesRun.ReportFrameIndices(records.Count, run.Options.ReportFrames).Order())
        {
            var paths = ParticleFigures.Paths(run.FiguresFolder, records[frame].Frame);
            if (!paths.All(File.Exists)) continue;
            var r = records[frame];
            report.AddHeading(string.Create(inv, $"Frame {r.Frame} ({Path.GetFileName(r.File)} frame {r.FrameInFile}): {r.Particles.Count} particle(s), {r.Reason}"), 3);
            report.AddFigureRow([ReportFigure.PngFile(paths[0], "HRTEM image"), ReportFigure.PngFile(paths[1], "Network inference (probability 0-1)")], null);
            report.AddFigureRow([ReportFigure.PngFile(paths[2], "Power spectrum of the whole image (log)"),
                ReportFigure.PngFile(paths[3], "Power spectrum of the masked particle with the smallest ratio (log)")], null);
            report.AddFigure(ReportFigure.PngFile(paths[4], "Inference scaled by 1/ratio per particle (perceptual colours, bar: 0 bottom to 1 top)"));
        }
        string ratioSvg = Path.Combine(run.Folder, "ratio-vs-frame.svg"), areaSvg = Path.Combine(run.Folder, "area-vs-frame.svg");
        if (File.Exists(ratioSvg)) report.AddSvg(File.ReadAllText(ratioSvg), "Ratio against frame per tracked particle");
        if (File.Exists(areaSvg)) report.AddSvg(File.ReadAllText(areaSvg), "Area against frame per tracked particle");
        report.AddHeading("Frames");
        report.AddTable(["frame", "particles", "min ratio", "kept", "reason"], records.Take(200).Select(r => (IReadOnlyList<string>)
            [r.Frame.ToString(inv), r.Particles.Count.ToString(inv), ParticlesOutputs.G(r.MinRatio), r.Kept ? "yes" : "no", r.Error ?? r.Reason]));
        report.Save(Path.Combine(run.Folder, "report.html"));
    }
}
