using System.CommandLine;
using TemKit.Numerics;
using TemKit.Cli.Infrastructure;
using TemKit.Simulation.Structures;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate cluster</c>: closed-shell clusters (icosahedron, decahedron, octahedron) as XYZ.</summary>
internal static class SimulateClusterCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output XYZ file", Required = true };
        var shape = new Option<string>("--shape") { Description = "icosahedron | decahedron | octahedron", Required = true };
        var element = new Option<string>("--element") { Description = "Element symbol", DefaultValueFactory = _ => "Au" };
        var lattice = new Option<double?>("--lattice-constant-angstrom") { Description = "FCC lattice constant (Å); sets the bond a/√2. Default: tabulated" }.Within(Limits.Positive(100, "Å"));
        var shells = new Option<int>("--shells") { Description = "Icosahedron: shells around the centre (13, 55, 147, 309, 561 atoms for 1..5); octahedron: atoms per edge − 1", DefaultValueFactory = _ => 2 }.Whole(0, MaxCount, "");
        var p = new Option<int>("--p") { Description = "Decahedron: atoms along each edge of the pentagonal cross-section", DefaultValueFactory = _ => 3 }.Whole(1, MaxCount, "atoms");
        var q = new Option<int>("--q") { Description = "Decahedron: atoms along the (100) faces parallel to the axis (1 = regular)", DefaultValueFactory = _ => 1 }.Whole(1, MaxCount, "atoms");
        var r = new Option<int>("--r") { Description = "Decahedron: Marks re-entrance depth (0 = Ino)", DefaultValueFactory = _ => 0 }.Whole(0, MaxCount, "layers");
        var cut = new Option<int>("--cut") { Description = "Octahedron: layers removed at each vertex (truncated octahedron)", DefaultValueFactory = _ => 0 }.Whole(0, MaxCount, "layers");
        var command = new Command("cluster", "Write a closed-shell cluster (icosahedron, Ino/Marks decahedron, truncated octahedron) as XYZ.")
        {
            output, shape, element, lattice, shells, p, q, r, cut,
        };
        command.SetAction(parse =>
        {
            string symbol = parse.GetValue(element)!;
            OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".xyz");
            OutputPaths.RequireWritable(parse.GetValue(output)!, "--output");
            // Bounded so a typo cannot ask for billions of atoms (40 icosahedral shells are already ~2e5 atoms, 20 nm).
            RequireCount(parse.GetValue(shells), "--shells", 0);
            RequireCount(parse.GetValue(p), "--p", 1);
            RequireCount(parse.GetValue(q), "--q", 1);
            RequireCount(parse.GetValue(r), "--r", 0);
            RequireCount(parse.GetValue(cut), "--cut", 0);
            var kind = parse.GetValue(shape)!.ToLowerInvariant() switch
            {
                "icosahedron" => ClusterShape.Icosahedron,
                "decahedron" => ClusterShape.Decahedron,
                "octahedron" => ClusterShape.Octahedron,
                var other => throw new UsageException($"--shape '{other}': expected icosahedron, decahedron or octahedron"),
            };
            var parameters = new ClusterParameters(kind, symbol, parse.GetValue(lattice), parse.GetValue(shells),
                parse.GetValue(p), parse.GetValue(q), parse.GetValue(r), parse.GetValue(cut));
            var (specimen, height) = SimulateCommand.Checked(() => Clusters.Build(parameters));
            string path = parse.GetValue(output)!;
            XyzFile.Write(path, specimen, height);
            Console.WriteLine($"{path}: {specimen.Particle.Length} atoms");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Largest shell or edge count accepted (a cluster of about 20 nm).</summary>
    private const int MaxCount = 40;

    private static void RequireCount(int value, string option, int min)
    {
        if (value < min || value > MaxCount) throw new UsageException($"{option} {value}: must be {min}..{MaxCount}");
    }
}
