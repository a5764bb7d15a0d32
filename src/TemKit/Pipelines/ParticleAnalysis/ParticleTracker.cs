namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>A tracked particle: its id, first and last frame and how many frames saw it.</summary>
/// <param name="Id">Track id (1-based, in order of appearance).</param>
/// <param name="FirstFrame">Frame it appeared in.</param>
/// <param name="LastFrame">Last frame it was seen in.</param>
/// <param name="Frames">Frames it was seen in.</param>
/// <param name="Disappeared">True when it ended before the run's last frame.</param>
public sealed record ParticleTrack(int Id, int FirstFrame, int LastFrame, int Frames, bool Disappeared);

/// <summary>
/// Links particles across frames: in each frame, pairs of (live track, particle) closer than the link distance are
/// joined greedily, nearest first; unmatched particles start new tracks ("appear"), and a track unseen for more than
/// <see cref="ParticlesRunOptions.TrackMaxGapFrames"/> frames ends ("disappear"). The link distance is
/// <see cref="ParticlesRunOptions.TrackMaxDistancePx"/> or half the particle's equivalent diameter, whichever is larger.
/// </summary>
public static class ParticleTracker
{
    /// <summary>Assigns track ids to the particles of <paramref name="frames"/> (in frame order); returns the frames
    /// with ids set and the tracks.</summary>
    public static (IReadOnlyList<FrameRecord> Frames, IReadOnlyList<ParticleTrack> Tracks) Track(IReadOnlyList<FrameRecord> frames, double maxDistancePx, int maxGapFrames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var live = new List<(int Id, double X, double Y, int LastFrame)>();
        var first = new Dictionary<int, int>();
        var last = new Dictionary<int, int>();
        var seen = new Dictionary<int, int>();
        var output = new List<FrameRecord>(frames.Count);
        int next = 1, lastFrame = frames.Count > 0 ? frames[^1].Frame : 0;
        foreach (var frame in frames)
        {
            live.RemoveAll(t => frame.Frame - t.LastFrame > maxGapFrames + 1);
            var candidates = new List<(double Distance, int Track, int Particle)>();
            for (int p = 0; p < frame.Particles.Count; p++)
            {
                var o = frame.Particles[p];
                double reach = Math.Max(maxDistancePx, 0.5 * o.EquivalentDiameterPx);
                for (int t = 0; t < live.Count; t++)
                {
                    double d = Math.Sqrt(Math.Pow(o.CentroidXPx - live[t].X, 2) + Math.Pow(o.CentroidYPx - live[t].Y, 2));
                    if (d <= reach) candidates.Add((d, t, p));
                }
            }
            candidates.Sort((a, b) => a.Distance.CompareTo(b.Distance));
            var trackOf = new int[frame.Particles.Count];
            var usedTrack = new bool[live.Count];
            foreach (var (_, t, p) in candidates)
            {
                if (usedTrack[t] || trackOf[p] != 0) continue;
                usedTrack[t] = true;
                trackOf[p] = live[t].Id;
            }
            var particles = new List<ParticleObservation>(frame.Particles.Count);
            for (int p = 0; p < frame.Particles.Count; p++)
            {
                var o = frame.Particles[p];
                int id = trackOf[p];
                if (id == 0)
                {
                    id = next++;
                    first[id] = frame.Frame;
                    live.Add((id, o.CentroidXPx, o.CentroidYPx, frame.Frame));
                }
                int index = live.FindIndex(t => t.Id == id);
                live[index] = (id, o.CentroidXPx, o.CentroidYPx, frame.Frame);
                last[id] = frame.Frame;
                seen[id] = seen.GetValueOrDefault(id) + 1;
                particles.Add(o with { Track = id });
            }
            output.Add(frame with { Particles = particles });
        }
        var tracks = first.Keys.Order().Select(id => new ParticleTrack(id, first[id], last[id], seen[id], last[id] < lastFrame)).ToList();
        return (output, tracks);
    }
}
