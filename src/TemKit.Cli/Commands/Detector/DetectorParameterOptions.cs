using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Detector;

namespace TemKit.Cli.Commands.Detector;

/// <summary>The detector options shared by `noise simulate` and `noise apply`: a Table 3 preset and/or explicit values or ranges.</summary>
internal sealed class DetectorParameterOptions
{
    public Option<int?> Model { get; } = new("--mtf-model") { Description = "MTF model 1..5 of Table 3 in the supplementary of Leth Larsen et al.: c0, c3, N0 drawn uniformly from its ranges per frame (default: 4, the one that paper found best; --c0, --c3, --n0 override single parameters)" };
    public Option<string?> C0 { get; } = new("--c0") { Description = "MTF half-maximum c0 as a fraction of Nyquist, a value or lo:hi (overrides the model)" };
    public Option<string?> C3 { get; } = new("--c3") { Description = "MTF shape exponent c3, a value or lo:hi (overrides the model)" };
    public Option<string?> N0 { get; } = new("--n0") { Description = "readout noise N0 in e/px, a value or lo:hi (overrides the model)" };
    public Option<double> Floor { get; } = new("--mtf-floor") { Description = "floor C of the detector's own MTF (0..1; 0 in Table 3)", DefaultValueFactory = _ => 0 };
    public Option<string> Readout { get; } = new("--readout") { Description = "readout noise distribution: poisson (the paper) or gaussian", DefaultValueFactory = _ => "poisson" };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(C0);
        command.Options.Add(C3);
        command.Options.Add(N0);
        command.Options.Add(Floor);
        command.Options.Add(Readout);
    }

    /// <summary>The parameter ranges; without a model or explicit values, model 4 (the paper's best).</summary>
    public DetectorModelRange Resolve(ParseResult parse)
    {
        int? model = parse.GetValue(Model);
        DetectorModelRange range;
        try
        {
            range = DetectorModelRange.Preset(model ?? 4);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new UsageException($"--mtf-model {model}: expected 1..5 (Table 3 of Leth Larsen et al.'s supplementary)");
        }
        if (parse.GetValue(C0) is { } c0) { var r = ValueRange.Parse(c0, "--c0"); range = range with { C0Min = r.Min, C0Max = r.Max }; }
        if (parse.GetValue(C3) is { } c3) { var r = ValueRange.Parse(c3, "--c3"); range = range with { C3Min = r.Min, C3Max = r.Max }; }
        if (parse.GetValue(N0) is { } n0) { var r = ValueRange.Parse(n0, "--n0"); range = range with { ReadoutNoiseMinElectronsPerPixel = r.Min, ReadoutNoiseMaxElectronsPerPixel = r.Max }; }
        string readout = parse.GetValue(Readout)!.Trim().ToLowerInvariant();
        range = range with
        {
            C = parse.GetValue(Floor),
            Readout = readout switch
            {
                "poisson" => ReadoutNoiseKind.Poisson,
                "gaussian" => ReadoutNoiseKind.Gaussian,
                _ => throw new UsageException($"--readout {readout}: expected poisson or gaussian"),
            },
        };
        try
        {
            range.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        return range;
    }
}
