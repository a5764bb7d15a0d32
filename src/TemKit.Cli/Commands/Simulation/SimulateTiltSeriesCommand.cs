using TemKit.Numerics;
using System.CommandLine;
using System.Diagnostics;
using TemKit.Cli.Infrastructure;
using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate tilt-series</c>: a cluster rotated about y through a tilt list, one STEM image per tilt.</summary>
internal static class SimulateTiltSeriesCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder: series.mrc (noisy counts), series_noiseless.mrc, series.rawtlt, structure.xyz, volume.mrc, params.json", Required = true };
        var xyz = new Option<string?>("--xyz") { Description = "Structure file instead of a generated cluster (rotated about its centroid)" };
        var tilts = new Option<string>("--tilts") { Description = "Tilt angles (degrees): START:STOP:STEP or a comma list; rotation about the image y axis", DefaultValueFactory = _ => "-90:90:1" };
        var pixels = new Option<int>("--image-px") { Description = "Frame edge (px); the ground-truth volume is image-px³ voxels", DefaultValueFactory = _ => 128 }.Whole(8, 4096, "px");
        var step = new Option<double?>("--step-angstrom") { Description = "Scan step = pixel = voxel (Å); default: the cluster's bounding sphere + 5 Å on each side across the frame" }.Within(new Limits(0.001, 100, "Å"));
        var dose = new Option<double>("--dose-e-per-A2") { Description = "Dose per frame (e/Å²) for the Poisson noise; each probe position gets dose × step² electrons; 0 = noiseless only", DefaultValueFactory = _ => 1e4 }.Within(Limits.NonNegative(1e9, "e/Å²"));
        var noiseSeed = new Option<int>("--noise-seed") { Description = "Seed of the Poisson noise", DefaultValueFactory = _ => 0 }.AnyValue();
        var blob = new Option<double>("--volume-blob-angstrom") { Description = "Ground-truth volume: Gaussian standard deviation per atom (Å)", DefaultValueFactory = _ => 0.5 }.Within(Limits.Positive(100, "Å"));
        var cluster = new ClusterOptionSet();
        var stem = new StemOptionSet("incoherent");
        var command = new Command("tilt-series", "Simulate a single-axis STEM tilt series of a cluster (tilt about y), with Poisson noise, tilt angles, the structure and a ground-truth volume.")
        {
            output, xyz, tilts, pixels, step, dose, noiseSeed, blob,
        };
        cluster.AddTo(command);
        stem.AddTo(command);
        command.SetAction(parse =>
        {
            string folder = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            string tiltText = parse.GetValue(tilts)!;
            double[] tiltList;
            try { tiltList = TiltAngles.Parse(tiltText); }
            catch (ArgumentException e) { throw new UsageException($"--tilts '{tiltText}': {e.Message}"); }
            var parameters = SimulateCommand.Checked(() =>
            {
                var p = new TiltSeriesParameters
                {
                    TiltsDegrees = tiltList, Stem = stem.Parameters(parse), ImagePixels = parse.GetValue(pixels),
                    StepAngstrom = parse.GetValue(step), DoseElectronsPerAngstrom2 = parse.GetValue(dose), NoiseSeed = parse.GetValue(noiseSeed),
                    VolumeBlobSigmaAngstrom = parse.GetValue(blob),
                };
                p.Validate();
                return p;
            });
            var options = stem.Options(parse, parse.GetValue(noiseSeed));
            Atom[] structure;
            var description = new Dictionary<string, object?>();
            if (parse.GetValue(xyz) is string xyzPath)
            {
                if (cluster.Given(parse)) throw new UsageException("give --xyz or --shape, not both");
                var atoms = XyzFile.Read(xyzPath).All;
                double cx = atoms.Average(a => a.XAngstrom), cy = atoms.Average(a => a.YAngstrom), cz = atoms.Average(a => a.ZAngstrom);
                structure = [.. atoms.Select(a => a.Translated(-cx, -cy, -cz))];
                description["structure"] = Path.GetFullPath(xyzPath);
            }
            else
            {
                if (!cluster.Given(parse)) throw new UsageException("give a structure: --shape SHAPE (with --element, --shells or --diameter-nm) or --xyz FILE");
                var (spec, orientation) = cluster.Read(parse);
                structure = orientation is int o ? TiltSeriesSimulator.OrientedCluster(spec, o) : spec.Build();
                description["shape"] = spec.Shape.ToString().ToLowerInvariant();
                description["element"] = spec.Element;
                description["shells"] = spec.Shells;
                description["orientation_seed"] = orientation;
            }
            description["method"] = options.Method.ToString().ToLowerInvariant();
            description["voltage_kilovolts"] = parameters.Stem.Probe.VoltageKilovolts;
            description["convergence_semi_angle_milliradians"] = parameters.Stem.Probe.ConvergenceSemiAngleMilliradians;
            description["defocus_angstrom"] = parameters.Stem.Probe.DefocusAngstrom;
            description["cs_millimetres"] = parameters.Stem.Probe.CsMillimetres;
            description["source_size_angstrom"] = parameters.Stem.Probe.SourceSizeAngstrom;
            description["detector_milliradians"] = new[] { parameters.Stem.Detector.InnerMilliradians, parameters.Stem.Detector.OuterMilliradians };
            description["noise_seed"] = parameters.NoiseSeed;
            description["volume_blob_sigma_angstrom"] = parameters.VolumeBlobSigmaAngstrom;
            int frames = parameters.TiltsDegrees.Count;
            Console.WriteLine($"{structure.Length} atoms, {frames} tilts {parameters.TiltsDegrees[0]}..{parameters.TiltsDegrees[^1]}°, {parameters.ImagePixels}² px, {options.Method.ToString().ToLowerInvariant()}");
            var clock = Stopwatch.StartNew();
            int done = 0, reported = 0;
            var gate = new Lock();
            var result = SimulateCommand.Checked(() => TiltSeriesSimulator.Run(structure, parameters, options, () =>
            {
                int d = Interlocked.Increment(ref done);
                lock (gate)
                {
                    if (d * 10 / frames > reported || d == frames)
                    {
                        reported = d * 10 / frames;
                        Console.Error.WriteLine($"  tilts: {d}/{frames} ({100 * d / frames} %)");
                    }
                }
            }));
            TiltSeriesWriter.Write(folder, result, description);
            Console.WriteLine(FormattableString.Invariant($"{folder}: {frames} frames of {parameters.ImagePixels}² at {result.StepAngstrom:G4} Å/px, dose {result.DoseElectronsPerAngstrom2:G4} e/Å² per frame, volume {parameters.ImagePixels}³; {clock.Elapsed.TotalSeconds:F1} s"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
