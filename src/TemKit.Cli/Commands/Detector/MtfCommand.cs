using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.Detector;

namespace TemKit.Cli.Commands.Detector;

/// <summary>`temkit mtf fit|series`: detector MTF (SOI Eq. 4) per frame from vacuum, and N0 (Eq. 2) over a dose series.</summary>
internal sealed class MtfCommand : ICliCommand
{
    public Command Build()
    {
        var mtf = new Command("mtf", "Detector MTF and readout noise from vacuum images (Leth Larsen et al., 'Quantifying noise limitations of neural network segmentations in HRTEM', supplementary sections 3.2 and A.3).");
        mtf.Subcommands.Add(BuildFit("fit", "Fit the MTF model (Leth Larsen et al., supplementary Eq. 4) to the radial noise spectrum of vacuum in every frame: RUN/mtf.csv and a plot per frame.", series: false));
        mtf.Subcommands.Add(BuildFit("series", "Fit every frame of a dose series, then the readout noise N0 from C² = N0/(N0 + N_D) (Eq. 2): RUN/mtf.csv, RUN/readout.csv and plots.", series: true));
        return mtf;
    }

    private static Command BuildFit(string name, string description, bool series)
    {
        var o = new MtfOptions();
        var cmd = o.Add(new Command(name, description));
        cmd.SetAction(parse =>
        {
            var analysis = o.Resolve(parse);
            if (parse.GetValue(o.PixelSize) is { } given && !(given > 0 && double.IsFinite(given)))
                throw new UsageException($"--pixel-size {given}: must be > 0 Å");
            var files = InputFiles.Expand(parse.GetValue(o.Files)!);
            DoseTable? doses = null;
            if (parse.GetValue(o.DoseCsv) is { } csv)
            {
                try { doses = DoseTable.Load(csv); }
                catch (Exception e) when (e is IOException or InvalidDataException) { throw new UsageException($"--dose-csv {e.Message}"); }
            }
            string folder = parse.GetValue(o.Output)!;
            OutputPaths.RequireFolder(folder, "--output");
            var options = new MtfRunOptions(analysis, doses, parse.GetValue(o.PixelSize), Plots: !parse.GetValue(o.NoPlots));
            var result = Console2.RunWithProgress(progress =>
                new MtfRun(folder, options) { Problem = Console2.Error, Progress = progress }.Run(files));
            Console.WriteLine($"{result.Passed} of {result.Frames.Count} frames fitted; wrote {result.MtfCsvPath}");
            bool failed = result.Passed < result.Frames.Count;
            if (series && !FitSeries(new MtfRun(folder, options), result)) failed = true;
            return failed ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static bool FitSeries(MtfRun run, MtfRunResult result)
    {
        MtfSeriesResult series;
        try
        {
            series = run.FitSeries(result);
        }
        catch (ArgumentException e)
        {
            Console2.Error($"readout noise fit: {e.Message}");
            return false;
        }
        var readout = series.Readout;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"readout noise N0 = {readout.ReadoutNoiseElectronsPerPixel:G4} e/px (R² {readout.RSquared:F3}, {readout.Frames} frames); wrote {series.ReadoutCsvPath}"));
        return true;
    }
}
