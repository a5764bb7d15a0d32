using TemKit.Numerics;
using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Simulation.Structures;

namespace TemKit.Cli.Commands.Simulation;

/// <summary>Options choosing a generated cluster: shape, element, size in shells or nm, orientation seed.</summary>
internal sealed class ClusterOptionSet
{
    private readonly Option<string?> _shape = new("--shape") { Description = "Cluster shape: icosahedron, octahedron, decahedron, cuboctahedron" };
    private readonly Option<string> _element = new("--element") { Description = "Cluster element (Pt, Ag, Au, Cu, ...)", DefaultValueFactory = _ => "Au" };
    private readonly Option<int?> _shells = new Option<int?>("--shells") { Description = "Cluster size in shells (icosahedron/cuboctahedron: 1, 2, 3 = 13, 55, 147 atoms; octahedron/decahedron: atoms per edge − 1)" }.Whole(0, 40, "shells");
    private readonly Option<double?> _diameter = new Option<double?>("--diameter-nm") { Description = "Cluster size as the diameter (nm) closest to this (instead of --shells)" }.Within(Limits.Positive(100, "nm"));
    private readonly Option<int?> _orientation = new Option<int?>("--orientation-seed") { Description = "Random orientation drawn uniformly from this seed (default: the cluster's own axes)" }.AnyValue();

    public void AddTo(Command command)
    {
        foreach (Option o in (Option[])[_shape, _element, _shells, _diameter, _orientation]) command.Options.Add(o);
    }

    /// <summary>True when --shape was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(_shape) is not null;

    /// <summary>The spec and orientation seed (exit 2 on a bad value).</summary>
    public (ClusterSpec Spec, int? OrientationSeed) Read(ParseResult parse) => SimulateCommand.Checked(() =>
    {
        var shape = ClusterSpec.ParseShape(parse.GetValue(_shape) ?? throw new ArgumentException("--shape is required"));
        string element = parse.GetValue(_element)!;
        if (parse.GetValue(_shells) is not null && parse.GetValue(_diameter) is not null) throw new ArgumentException("give --shells or --diameter-nm, not both");
        var spec = parse.GetValue(_diameter) is double d ? ClusterSpec.ForDiameter(shape, element, d) : new ClusterSpec(shape, element, parse.GetValue(_shells) ?? 2);
        spec.Build();
        return (spec, parse.GetValue(_orientation));
    });
}
