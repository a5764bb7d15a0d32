using System.CommandLine;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Cli.Infrastructure;
using TemKit.Detector;

namespace TemKit.Cli.Commands.Detector;

/// <summary>Options shared by `mtf fit` and `mtf series`.</summary>
internal sealed class MtfOptions
{
    public Argument<string[]> Files { get; } = new("files") { Description = "vacuum images or stacks (MRC, DM3/DM4, TIFF, EMD, TIA .ser/.emi; files, folders or globs), pixels in electrons (gain-normalised)", Arity = ArgumentArity.OneOrMore };
    public Option<string> Output { get; } = new("--output", "-o") { Description = "run folder (created)", Required = true };
    public Option<string?> Region { get; } = new("--region") { Description = "vacuum rectangle x,y,w,h in px (default: the whole frame)" };
    public Option<bool> AutoVacuum { get; } = new("--auto-vacuum") { Description = "find the largest vacuum area automatically (tiles whose mean and variance look like pure noise)" };
    public AliasedOption<int> Tile { get; } = SharedOptions.TileSizePx("average the spectra of square tiles of this size (px) inside the region; 0: one spectrum", 0, "--tile").Whole(0, 65536, "px");
    public Option<int> VacuumTile { get; } = new Option<int>("--vacuum-tile") { Description = "tile size of the automatic vacuum search (px)", DefaultValueFactory = _ => 128 }.Whole(16, 65536, "px");
    public Option<string> Spectrum { get; } = new("--spectrum") { Description = "spectrum fitted: amplitude (obeys Eq. 2 of the supplementary of Leth Larsen et al.; default) or power", DefaultValueFactory = _ => "amplitude" };
    public Option<string?> DoseCsv { get; } = new("--dose-csv") { Description = "CSV of frame doses (columns frame, dose_e_per_px or dose_e_per_A2, optional file) instead of the frame mean" };
    public AliasedOption<double?> PixelSize { get; } = SharedOptions.PixelSizeAngstrom("pixel size (Å) when the file has none (for e/Å² columns)", "--pixel-size").Within(OpticsLimits.PixelSizeAngstrom);
    public Option<double> MaxQ { get; } = new Option<double>("--max-q") { Description = "highest q~ = q/q_N fitted (1.5: whole Fourier square; 1: stop at Nyquist)", DefaultValueFactory = _ => 1.5 }.Within(new Limits(0.1, 1.5, "(q/q_N)", MinExclusive: true));
    public Option<double> MinR2 { get; } = new Option<double>("--min-r2") { Description = "fits below this R² are flagged (region may hold specimen)", DefaultValueFactory = _ => 0.9 }.Within(new Limits(-1, 1, ""));
    public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "write the CSV files only" };

    public Command Add(Command command)
    {
        command.Arguments.Add(Files);
        foreach (var o in new Option[] { Output, Region, AutoVacuum, VacuumTile, Spectrum, DoseCsv, MaxQ, MinR2, NoPlots })
            command.Options.Add(o);
        Tile.AddTo(command);
        PixelSize.AddTo(command);
        return command;
    }

    public MtfAnalysisOptions Resolve(ParseResult parse)
    {
        PixelRegion? region = null;
        if (parse.GetValue(Region) is { } text)
        {
            try { region = PixelRegion.Parse(text); }
            catch (FormatException e) { throw new UsageException($"--region: {e.Message}"); }
        }
        bool auto = parse.GetValue(AutoVacuum);
        if (region is not null && auto) throw new UsageException("--region and --auto-vacuum exclude each other");
        int tile = Tile.Get(parse), vacuumTile = parse.GetValue(VacuumTile);
        if (tile != 0 && tile < 16) throw new UsageException($"--tile-size-px {tile}: need 0 or ≥ 16 px");
        if (vacuumTile < 16) throw new UsageException($"--vacuum-tile {vacuumTile}: need ≥ 16 px");
        var spectrum = parse.GetValue(Spectrum)!.Trim().ToLowerInvariant() switch
        {
            "amplitude" => SpectrumKind.Amplitude,
            "power" => SpectrumKind.Power,
            var other => throw new UsageException($"--spectrum {other}: expected amplitude or power"),
        };
        double maxQ = parse.GetValue(MaxQ), minR2 = parse.GetValue(MinR2);
        if (!(maxQ > 0.1)) throw new UsageException($"--max-q {maxQ}: must be > 0.1");
        if (!(minR2 <= 1)) throw new UsageException($"--min-r2 {minR2}: R² is at most 1");
        return new MtfAnalysisOptions(
            Region: region, AutoVacuum: auto, TileSizePx: tile, Spectrum: spectrum, MinRSquared: minR2,
            Vacuum: new VacuumOptions(TileSizePx: vacuumTile), Fit: new MtfFitOptions(MaxQNormalised: maxQ));
    }
}
