using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.Columns;

/// <summary>A simulated frame sequence with known diffusion events (<see cref="EventSequence.Simulate"/>).</summary>
/// <param name="Frames">The detected frames (e/px), in time order.</param>
/// <param name="Columns">The true particle columns of every frame (Å, in that frame's drifted coordinates).</param>
/// <param name="Events">The true events of every frame pair, in the first frame's coordinates (as <see cref="ColumnTracker"/> reports them).</param>
/// <param name="DriftAngstrom">Cumulative drift of every frame (Å).</param>
/// <param name="Imaging">The optics of every frame.</param>
/// <param name="Detector">The detector model of the sequence.</param>
public sealed record EventSequenceResult(ImageStack Frames, IReadOnlyList<AtomicColumn[]> Columns, IReadOnlyList<ColumnEvent> Events, IReadOnlyList<(double X, double Y)> DriftAngstrom,
    IReadOnlyList<ImagingParameters> Imaging, DetectorModel Detector);

/// <summary>Settings of <see cref="EventSequence.Simulate"/>.</summary>
/// <param name="FrameCount">Frames (≥ 2).</param>
/// <param name="DiameterNanometres">Au particle diameter (nm), on the [110] zone axis (no tilt), on CeO2.</param>
/// <param name="GridPx">Image side (px).</param>
/// <param name="PixelSizeAngstrom">Sampling (Å/px).</param>
/// <param name="DoseElectronsPerAngstrom2">Dose per frame (e/Å²).</param>
/// <param name="DefocusAngstrom">Defocus (Å, positive = underfocus).</param>
/// <param name="MaxDriftStepAngstrom">Drift per frame drawn uniformly in ±this along x and y (Å).</param>
/// <param name="MoveAngstrom">Displacement of a moved column (Å).</param>
/// <param name="Seed">Random seed.</param>
/// <param name="HoldFrames">How long a change lasts (frames, ≥ 1): a column that was removed, added or moved between frames t
/// and t+1 keeps its new state in frames t+1..t+HoldFrames at least; only then can it take part in another event. A removed
/// surface atom column stays away and an added one stays, as they do physically until something else moves them; so every
/// true event holds for HoldFrames frames on each side (a tracker's persistence rule with K ≤ HoldFrames keeps them all).
/// 1 = a site may be emptied and refilled in consecutive pairs (the sequences before session 7).</param>
/// <param name="Conditions">Imaging conditions to draw from instead of the fixed defaults (null = off): every frame's optics
/// (defocus, Cs, astigmatism, focal spread, convergence, blur) are drawn from these ranges, the detector once per sequence
/// from its MTF model's ranges, and the voltage is taken from it; its dose, sampling, grid, particle and tilt entries are
/// not used (the dose, sampling and particle are this record's). Drawn from a stream of their own, so the particle, the
/// events and the drift are those of the same <see cref="Seed"/> without conditions. <see cref="DefocusAngstrom"/> must
/// then stay 0. E.g. <see cref="DatasetRanges.ExperimentalReplica"/> (the seed paper's replica of its experimental series).</param>
public sealed record EventSequenceParameters(int FrameCount = 6, double DiameterNanometres = 2.5, int GridPx = 256, double PixelSizeAngstrom = 0.15,
    double DoseElectronsPerAngstrom2 = 1000, double DefocusAngstrom = 0, double MaxDriftStepAngstrom = 1.5, double MoveAngstrom = 0.8, int Seed = 1,
    int HoldFrames = 3, DatasetRanges? Conditions = null);

/// <summary>
/// A validation sequence for <c>--track</c>: one Au particle on [110]; max(3, <see cref="EventSequenceParameters.HoldFrames"/>)
/// surface columns start vacant; between consecutive frames one surface column is removed, one vacant site is filled again
/// and one surface column is moved by <see cref="EventSequenceParameters.MoveAngstrom"/>, each chosen among the columns
/// whose last change is at least <see cref="EventSequenceParameters.HoldFrames"/> frames old, while the whole specimen
/// drifts. Every frame is a full multislice image with detector noise (<see cref="ParticleSimulation"/>).
/// </summary>
public static partial class EventSequence
{
    /// <summary>Simulates the sequence; <paramref name="frameDone"/> is called after each frame.</summary>
    public static EventSequenceResult Simulate(EventSequenceParameters p, Action? frameDone = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.FrameCount < 2) throw new ArgumentException($"an event sequence needs at least 2 frames, got {p.FrameCount}");
        if (p.HoldFrames is < 1 or > 1000) throw new ArgumentException($"an event must hold 1..1000 frames, got {p.HoldFrames}");
        if (p.Conditions is not null && p.DefocusAngstrom != 0)
            throw new ArgumentException($"give either a defocus ({p.DefocusAngstrom} Å) or imaging conditions to draw it from, not both");
        p.Conditions?.Validate();
        var rng = new Random(p.Seed);
        // The conditions' own stream: the particle, events, drift and noise do not depend on whether conditions are given.
        var opticsRng = new Random(unchecked(p.Seed * 7919 + 104729));
        var grid = new SimulationGrid(p.GridPx, p.GridPx, p.PixelSizeAngstrom);
        var particle = new FccParticleParameters("Au", null, p.DiameterNanometres, MaxTiltDegrees: 0);
        var (specimen, _) = SupportedParticleBuilder.Build(particle, grid.CellXAngstrom, grid.CellYAngstrom, rng);
        // Each column of the particle keeps its atoms; a column is present, vacant, or present at a moved position.
        var columnAtoms = GroupAtoms(specimen.Particle);
        var offsets = new (double X, double Y)[columnAtoms.Count];
        var present = Enumerable.Repeat(true, columnAtoms.Count).ToArray();
        var surface = SurfaceColumns(columnAtoms);
        int vacancies = Math.Max(3, p.HoldFrames);
        if (surface.Length < vacancies + 2 * p.HoldFrames)
            throw new ArgumentException($"a {p.DiameterNanometres} nm particle has {surface.Length} surface columns, too few for {vacancies} vacancies and events held {p.HoldFrames} frames");
        foreach (int c in surface.OrderBy(_ => rng.Next()).Take(vacancies)) present[c] = false;
        // Pair index of each column's last change; the initial state has held since long before the sequence.
        var changed = Enumerable.Repeat(int.MinValue / 2, columnAtoms.Count).ToArray();
        var frames = new ImageStack(p.GridPx, p.GridPx, p.FrameCount, StackKind.ImageStack, new VoxelSize(p.PixelSizeAngstrom, p.PixelSizeAngstrom, 0), new ImageMetadata());
        var columns = new List<AtomicColumn[]>();
        var events = new List<ColumnEvent>();
        var drifts = new List<(double X, double Y)>();
        (double X, double Y) drift = (0, 0);
        var fixedOptics = new ImagingParameters(p.DefocusAngstrom);
        var detector = p.Conditions is null ? DetectorModel.Preset(4) : DetectorModelRange.Preset(p.Conditions.MtfModel).Draw(opticsRng);
        var multislice = new MultisliceParameters(p.Conditions?.VoltageKilovolts ?? 300);
        var imaging = new List<ImagingParameters>();
        for (int t = 0; t < p.FrameCount; t++)
        {
            if (t > 0)
            {
                var previousDrift = drift;
                drift = (drift.X + (2 * rng.NextDouble() - 1) * p.MaxDriftStepAngstrom, drift.Y + (2 * rng.NextDouble() - 1) * p.MaxDriftStepAngstrom);
                int pair = t - 1;
                bool Free(int c) => pair - changed[c] >= p.HoldFrames;
                var candidates = surface.Where(c => present[c] && Free(c)).OrderBy(_ => rng.Next()).ToList();
                int removed = candidates[0], moved = candidates[1];
                int added = surface.Where(c => !present[c] && Free(c)).OrderBy(_ => rng.Next()).First();
                changed[removed] = changed[moved] = changed[added] = pair;
                var (rx, ry) = Centre(columnAtoms[removed], offsets[removed]);
                events.Add(new ColumnEvent(t - 1, ColumnEventKind.Disappeared, rx + previousDrift.X, ry + previousDrift.Y, 0));
                var (ax, ay) = Centre(columnAtoms[added], offsets[added]);
                events.Add(new ColumnEvent(t - 1, ColumnEventKind.Appeared, ax + previousDrift.X, ay + previousDrift.Y, 0));
                double angle = rng.NextDouble() * 2 * Math.PI;
                offsets[moved] = (offsets[moved].X + p.MoveAngstrom * Math.Cos(angle), offsets[moved].Y + p.MoveAngstrom * Math.Sin(angle));
                var (mx, my) = Centre(columnAtoms[moved], offsets[moved]);
                events.Add(new ColumnEvent(t - 1, ColumnEventKind.Moved, mx + previousDrift.X, my + previousDrift.Y, p.MoveAngstrom));
                present[removed] = false;
                present[added] = true;
            }
            var atoms = new List<Atom>();
            for (int c = 0; c < columnAtoms.Count; c++)
                if (present[c]) atoms.AddRange(columnAtoms[c].Select(a => a.Translated(offsets[c].X + drift.X, offsets[c].Y + drift.Y, 0)));
            var support = specimen.Support.Select(a => Wrap(a.Translated(drift.X, drift.Y, 0), grid)).ToArray();
            var frameSpecimen = new Specimen([.. atoms], support, grid.CellXAngstrom, grid.CellYAngstrom);
            var sim = ParticleSimulation.Simulate(frameSpecimen, null, grid, new PotentialParameters(2.0), multislice);
            var optics = p.Conditions?.DrawImaging(opticsRng) ?? fixedOptics;
            var (detected, _) = ParticleSimulation.RenderEpoch(new WaveImager(sim.ExitWave), optics, p.DoseElectronsPerAngstrom2, detector, rng);
            imaging.Add(optics);
            detected.Pixels.CopyTo(frames.Frame(t));
            columns.Add(ColumnGrouping.Group(atoms, 1.0));
            drifts.Add(drift);
            frameDone?.Invoke();
        }
        return new EventSequenceResult(frames, columns, events, drifts, imaging, detector);
    }

    private static List<Atom[]> GroupAtoms(Atom[] atoms) =>
        [.. ColumnGrouping.Members(atoms, SurfaceDisorder.ColumnDistanceAngstrom).Select(m => m.Select(i => atoms[i]).ToArray())];

    /// <summary>Columns with fewer than the 6 neighbours within 3 Å that an inner column of an FCC crystal on [110] has.</summary>
    private static int[] SurfaceColumns(List<Atom[]> columns) => SurfaceDisorder.SurfaceColumns([.. columns.Select(c => Centre(c, (0, 0)))]);

    private static (double X, double Y) Centre(Atom[] atoms, (double X, double Y) offset) =>
        (atoms.Average(a => a.XAngstrom) + offset.X, atoms.Average(a => a.YAngstrom) + offset.Y);

    private static Atom Wrap(Atom a, SimulationGrid grid) => a with
    {
        XAngstrom = a.XAngstrom - grid.CellXAngstrom * Math.Floor(a.XAngstrom / grid.CellXAngstrom),
        YAngstrom = a.YAngstrom - grid.CellYAngstrom * Math.Floor(a.YAngstrom / grid.CellYAngstrom),
    };
}
