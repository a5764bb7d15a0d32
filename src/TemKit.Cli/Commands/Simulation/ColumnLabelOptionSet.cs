using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Simulation.Labels;

namespace TemKit.Cli.Commands.Simulation;

/// <summary>The <c>--labels columns</c> options shared by <c>simulate particle</c> and <c>simulate dataset</c>.</summary>
internal sealed class ColumnLabelOptionSet
{
    private readonly Option<string?> _labels = new("--labels") { Description = "Extra labels besides the particle mask: 'columns' = atomic-column labels (Gaussian blobs per column, column list CSV; Madsen et al. 2018)" };
    private readonly Option<double> _width = new Option<double>("--column-width-angstrom") { Description = "Column blob width, Gaussian standard deviation (Å)", DefaultValueFactory = _ => 0.4 }.Within(Limits.Positive(10, "Å"));
    private readonly Option<double> _grouping = new Option<double>("--column-grouping-angstrom") { Description = "Atoms closer than this in projection form one column (Å)", DefaultValueFactory = _ => 1.0 }.Within(Limits.Positive(10, "Å"));
    private readonly Option<int> _classes = new Option<int>("--height-classes") { Description = "Also write a column-height class map with this many classes (class = atoms in the column, the last class holds all taller columns); 0 = none", DefaultValueFactory = _ => 0 }.Whole(0, 255, "classes");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option o in (Option[])[_labels, _width, _grouping, _classes]) command.Options.Add(o);
    }

    /// <summary>The column label options, or null without <c>--labels columns</c> (exit 2 on another label kind).</summary>
    public ColumnLabelOptions? Options(ParseResult parse)
    {
        string? kind = parse.GetValue(_labels);
        if (kind is null) return null;
        if (!string.Equals(kind, "columns", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--labels '{kind}': the only extra label kind is 'columns'");
        var options = new ColumnLabelOptions(parse.GetValue(_width), parse.GetValue(_grouping), parse.GetValue(_classes));
        SimulateCommand.Checked(() => { options.Validate(); return 0; });
        return options;
    }
}
