using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Detector;

namespace TemKit.Cli.Commands.Detector;

/// <summary>Options shared by `mtf fit` and `mtf series`.</summary>
internal sealed class MtfOptions
{
    public Argument<string[]> Files { get; } = new("files") { Description = "vacuum images or stacks (MRC, DM3/DM4; files, folders or globs), pixels in electrons (gain-normalised)", Arity = ArgumentArity.OneOrMore };
    public Option<string> Output { get; } = new("--output", "-o") { Description = "run folder (created)", Required = true };
    public Option<string?> Region { get; } = new("--region") { Description = "vacuum rectangle x,y,w,h in px (default: the whole frame)" };
    public Option<bool> AutoVacuum { get; } = new("--auto-vacuum") { Description = "find the largest vacuum area automatically (tiles whose mean and variance look like pure noise)" };
    public Option<int> Tile { get; } = new("--tile") { Description = "average the spectra of square tiles of this size (px) inside the region; 0: one spectrum", DefaultValueFactory = _ => 0 };
    public Option<int> VacuumTile { get; } = new("--vacuum-tile") { Description = "tile size of the automatic vacuum search (px)", DefaultValueFactory = _ => 128 };
    public Option<string> Spectrum { get; } = new("--spectrum") { Description = "spectrum fitted: amplitude (obeys Eq. 2 of the supplementary of Leth Larsen et al.; default) or power", DefaultValueFactory = _ => "amplitude" };
    public Option<string?> DoseCsv { get; } = new("--dose-csv") { Description = "CSV of frame doses (columns frame, dose_e_per_px or dose_e_per_A2, optional file) instead of the frame mean" };
    public Option<double?> PixelSize { get; } = new("--pixel-size") { Description = "pixel size (Å) when the file has none (for e/Å² columns)" };
    public Option<double> MaxQ { get; } = new("--max-q") { Description = "highest q~ = q/q_N fitted (1.5: whole Fourier square; 1: stop at Nyquist)", DefaultValueFactory = _ => 1.5 };
    public Option<double> MinR2 { get; } = new("--min-r2") { Description = "fits below this R² are flagged (region may hold specimen)", DefaultValueFactory = _ => 0.9 };
    public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "write the CSV files only" };

    public Command Add(Command command)
    {
        command.Arguments.Add(Files);
        foreach (var o in new Option[] { Output, Region, AutoVacuum, Tile, VacuumTile, Spectrum, DoseCsv, PixelSize, MaxQ, MinR2, NoPlots })
            command.Options.Add(o);
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
        int tile = parse.GetValue(Tile), vacuumTile = parse.GetValue(VacuumTile);
        if (tile != 0 && tile < 16) throw new UsageException($"--tile {tile}: need 0 or ≥ 16 px");
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
            Region: region, AutoVacuum: auto, TileSize: tile, Spectrum: spectrum, MinRSquared: minR2,
            Vacuum: new VacuumOptions(TileSize: vacuumTile), Fit: new MtfFitOptions(MaxQNormalised: maxQ));
    }
}
