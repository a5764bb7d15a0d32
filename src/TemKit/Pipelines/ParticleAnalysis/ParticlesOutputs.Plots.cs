using TemKit.Plotting;

namespace TemKit.Pipelines.ParticleAnalysis;

public static partial class ParticlesOutputs
{
    /// <summary>At most this many tracks (the longest) are drawn in the per-track plots.</summary>
    private const int PlottedTracks = 12;

    /// <summary>ratio-vs-frame.svg and area-vs-frame.svg: one line per tracked particle (the longest tracks).</summary>
    internal static (SvgPlot Ratio, SvgPlot Area) WritePlots(string root, IReadOnlyList<FrameRecord> records, IReadOnlyList<ParticleTrack> tracks)
    {
        var ratio = new SvgPlot("Brightest/dimmest pair ratio per tracked particle", "Frame", "Ratio (log scale)") { LogY = true };
        var area = new SvgPlot("Projected area per tracked particle", "Frame", "Area (nm²)");
        var byTrack = records.SelectMany(r => r.Particles).GroupBy(p => p.Track).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Frame).ToList());
        foreach (var track in tracks.OrderByDescending(t => t.Frames).ThenBy(t => t.Id).Take(PlottedTracks).OrderBy(t => t.Id))
        {
            var seen = byTrack[track.Id];
            var finite = seen.Where(p => double.IsFinite(p.Ratio)).ToList();
            if (finite.Count > 0) ratio.AddLine($"particle {track.Id}", finite.Select(p => (double)p.Frame), finite.Select(p => p.Ratio), marker: MarkerShape.Circle);
            area.AddLine($"particle {track.Id}", seen.Select(p => (double)p.Frame), seen.Select(p => p.AreaNm2), marker: MarkerShape.Circle);
        }
        if (records.Count > 0)
        {
            ratio.XMin = area.XMin = records[0].Frame - 0.5;
            ratio.XMax = area.XMax = records[^1].Frame + 0.5;
        }
        ratio.Save(Path.Combine(root, "ratio-vs-frame.svg"));
        area.Save(Path.Combine(root, "area-vs-frame.svg"));
        return (ratio, area);
    }
}
