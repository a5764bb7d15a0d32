using TemKit.Numerics;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate stem</c>: one STEM image of an XYZ structure or a generated cluster.</summary>
internal static class SimulateStemCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output image (.mrc, float32, detector signal as a fraction of the incident beam; a PNG preview is written beside it)", Required = true };
        var xyz = new Option<string?>("--xyz") { Description = "Structure file (XYZ/extended XYZ); its Lattice is the periodic cell" };
        var cell = new Option<double?>("--cell-angstrom") { Description = "Generated cluster: square cell edge (Å); default: the cluster's extent + 5 Å on each side" }.Within(Limits.Positive(10000, "Å"));
        var step = new Option<double>("--step-angstrom") { Description = "Scan step = image pixel (Å)", DefaultValueFactory = _ => 0.2 }.Within(new Limits(0.001, 100, "Å"));
        var scan = new Option<string?>("--scan") { Description = "Scan region X0,Y0,WIDTH,HEIGHT (Å, in the cell's coordinates); default: the whole cell" };
        var seed = new Option<int>("--seed") { Description = "Frozen-phonon seed", DefaultValueFactory = _ => 0 }.AnyValue();
        var cluster = new ClusterOptionSet();
        var stem = new StemOptionSet("multislice");
        var command = new Command("stem", "Simulate a STEM image (HAADF/ADF/BF/ABF) of an XYZ structure or a generated cluster by multislice, PRISM or the incoherent model.")
        {
            output, xyz, cell, step, scan, seed,
        };
        cluster.AddTo(command);
        stem.AddTo(command);
        command.SetAction(parse =>
        {
            string path = OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".mrc");
            var parameters = stem.Parameters(parse);
            var options = stem.Options(parse, parse.GetValue(seed));
            Specimen specimen;
            string what;
            if (parse.GetValue(xyz) is string xyzPath)
            {
                if (cluster.Given(parse)) throw new UsageException("give --xyz or --shape, not both");
                OutputPaths.RequireNotAnInput(path, "--output", xyzPath);
                specimen = XyzFile.Read(xyzPath);
                what = xyzPath;
            }
            else if (cluster.Given(parse))
            {
                var (spec, orientation) = cluster.Read(parse);
                var atoms = orientation is int o ? TiltSeriesSimulator.OrientedCluster(spec, o) : spec.Build();
                specimen = SimulateCommand.Checked(() => CenteredCell.Place(atoms, parse.GetValue(cell)));
                what = $"{spec.Element} {spec.Shape.ToString().ToLowerInvariant()}, {atoms.Length} atoms";
            }
            else
            {
                throw new UsageException("give a structure: --xyz FILE or --shape SHAPE (with --element, --shells or --diameter-nm)");
            }
            var region = SimulateCommand.Checked(() => Region(parse.GetValue(scan), specimen, parse.GetValue(step)));
            Console.WriteLine(FormattableString.Invariant($"{what}: {specimen.All.Length} atoms in a {specimen.CellXAngstrom:F2} x {specimen.CellYAngstrom:F2} Å cell; {options.Method.ToString().ToLowerInvariant()}, {region.Nx}x{region.Ny} probe positions at {region.StepAngstrom:G4} Å, detector {parameters.Detector.InnerMilliradians:G4}-{parameters.Detector.OuterMilliradians:G4} mrad"));
            var clock = Stopwatch.StartNew();
            var result = SimulateCommand.Checked(() => StemSimulation.Run(specimen, parameters, region, options, StemOptionSet.Printer()));
            MrcFile.Write(path, result.Image);
            PngWriter.WriteImage(Path.ChangeExtension(path, ".png"), result.Image);
            string grid = result.Grid is { } g ? FormattableString.Invariant($", grid {g.Nx}x{g.Ny} at {g.PixelSizeAngstrom:G4} Å, {result.Slices} slices ({result.OccupiedSlices} with atoms)") : "";
            string beams = result.Beams > 0 ? $", {result.Beams} S-matrix beams" : "";
            var px = result.Image.Pixels;
            Console.WriteLine(FormattableString.Invariant($"{path}: {region.Nx}x{region.Ny}, signal {Min(px):G4}..{Max(px):G4} of the incident beam{grid}{beams}; {clock.Elapsed.TotalSeconds:F1} s"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static float Min(ReadOnlySpan<float> x) => System.Numerics.Tensors.TensorPrimitives.Min(x);

    private static float Max(ReadOnlySpan<float> x) => System.Numerics.Tensors.TensorPrimitives.Max(x);

    private static ScanRegion Region(string? text, Specimen specimen, double step)
    {
        if (!(step is > 0 and <= 100)) throw new ArgumentException($"--step-angstrom must be in (0, 100] Å, got {step}");
        if (text is null) return ScanRegion.Covering(0, 0, specimen.CellXAngstrom, specimen.CellYAngstrom, step);
        var parts = text.Split(',');
        var values = new double[4];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
            throw new ArgumentException($"--scan '{text}': expected X0,Y0,WIDTH,HEIGHT in Å");
        if (values[2] <= 0 || values[3] <= 0) throw new ArgumentException($"--scan '{text}': width and height must be > 0 Å");
        return ScanRegion.Covering(values[0], values[1], values[2], values[3], step);
    }
}
