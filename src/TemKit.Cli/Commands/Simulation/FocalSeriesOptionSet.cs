using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.FocalSeries;

namespace TemKit.Cli.Commands.Simulation;

/// <summary>Options shared by <c>simulate focal-series</c> and <c>simulate dataset --kind focal-series</c>: a ranges
/// YAML and overrides that fix single parameters.</summary>
internal sealed class FocalSeriesOptionSet
{
    private readonly Option<string?> _ranges = new("--focal-ranges") { Description = "YAML file of focal-series parameter ranges (default: the 80 kV MoS2 ranges of docs/species.md)" };
    private readonly AliasedOption<string?> _defoci = SharedOptions.Renamed(new Option<string?>("--defocus-series-angstrom") { Description = "Three defoci a,b,c (Å, positive = underfocus) instead of the drawn centre ± step (default: c−s, c, c+s with c in −10..10 Å, s in 45..55 Å)" }, "--defocus-series-A");
    private readonly Option<double?> _dose = new Option<double?>("--focal-dose-e-per-A2") { Description = "Fix the dose of every image (e/Å²; default: log-uniform 1e3..1e5)" }.Within(TemKit.Optics.OpticsLimits.DoseElectronsPerAngstrom2);
    private readonly Option<double?> _voltage = new Option<double?>("--focal-voltage-kv") { Description = "Acceleration voltage (kV; default 80)" }.Within(new Limits(10, 3000, "kV"));
    private readonly Option<int?> _grid = new Option<int?>("--focal-grid") { Description = "Image size (px, square; default 256)" }.Whole(32, 4096, "px");
    private readonly Option<string?> _compound = new("--compound") { Description = "Dichalcogenide: MoS2 (default), MoSe2, MoTe2, WS2, WSe2, WTe2" };
    private readonly Option<double?> _vacancies = new Option<double?>("--single-vacancy-fraction") { Description = "Fix the fraction of S columns with one S missing (default: uniform 0..0.1)" }.Within(new Limits(0, 1, ""));
    private readonly Option<bool> _graphene = new("--graphene") { Description = "Put every monolayer on a graphene support" };

    public IEnumerable<Option> All => [_ranges, _defoci.Option, .. _defoci.Legacy, _dose, _voltage, _grid, _compound, _vacancies, _graphene];

    /// <summary>The ranges file (or defaults) with the given overrides; exit 2 on a bad value, 1 on a bad file.</summary>
    public FocalSeriesRanges Ranges(ParseResult parse)
    {
        var r = parse.GetValue(_ranges) is string path ? FocalSeriesRangesYaml.Read(path) : FocalSeriesRanges.Default;
        if (_defoci.Get(parse) is string text)
        {
            var parts = text.Split(',');
            var values = new double[parts.Length];
            if (parts.Length != 3 || parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).Any(ok => !ok))
                throw new UsageException($"--defocus-series-angstrom '{text}': expected three defoci in Å, e.g. -50,0,50");
            r = r with { DefocusSeriesAngstrom = values };
        }
        if (parse.GetValue(_dose) is double dose) r = r with { DoseElectronsPerAngstrom2 = ParameterRange.Fixed(dose) };
        if (parse.GetValue(_voltage) is double kv) r = r with { VoltageKilovolts = kv };
        if (parse.GetValue(_grid) is int grid) r = r with { GridPixels = grid };
        if (parse.GetValue(_compound) is string compound) r = r with { Compound = compound };
        if (parse.GetValue(_vacancies) is double f) r = r with { SingleVacancyFraction = ParameterRange.Fixed(f) };
        if (parse.GetValue(_graphene)) r = r with { GrapheneProbability = 1 };
        SimulateCommand.Checked(() => { r.Validate(); return 0; });
        return r;
    }
}
