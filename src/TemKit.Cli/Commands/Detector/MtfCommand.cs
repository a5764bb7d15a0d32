using TemKit.IO.Csv;
using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Detector;

namespace TemKit.Cli.Commands.Detector;

/// <summary>`temkit mtf fit|series`: detector MTF (SOI Eq. 4) per frame from vacuum, and N0 (Eq. 2) over a dose series.</summary>
internal sealed class MtfCommand : ICliCommand
{
    public Command Build()
    {
        var mtf = new Command("mtf", "Detector MTF and readout noise from vacuum images (SOI 3.2, A.3).");
        mtf.Subcommands.Add(BuildFit("fit", "Fit SOI Eq. 4 to the radial noise spectrum of vacuum in every frame: RUN/mtf.csv and a plot per frame.", series: false));
        mtf.Subcommands.Add(BuildFit("series", "Fit every frame of a dose series, then the readout noise N0 from C² = N0/(N0 + N_D) (Eq. 2): RUN/mtf.csv, RUN/readout.csv and plots.", series: true));
        return mtf;
    }

    private static Command BuildFit(string name, string description, bool series)
    {
        var o = new MtfOptions();
        var cmd = o.Add(new Command(name, description));
        cmd.SetAction(parse =>
        {
            var options = o.Resolve(parse);
            if (parse.GetValue(o.PixelSize) is { } given && !(given > 0 && double.IsFinite(given)))
                throw new UsageException($"--pixel-size {given}: must be > 0 Å");
            var files = InputFiles.Expand(parse.GetValue(o.Files)!);
            var doses = parse.GetValue(o.DoseCsv) is { } csv ? DoseTable.Load(csv) : null;
            string run = parse.GetValue(o.Output)!;
            OutputPaths.RequireFolder(run, "--output");
            using var held = RunLocks.Folder(run);
            var results = MtfRun.AnalyseAll(files, options, doses, parse.GetValue(o.PixelSize));
            CsvFiles.Write(Path.Combine(run, "mtf.csv"), results.Select(r => r.Row));
            bool plots = !parse.GetValue(o.NoPlots);
            if (plots) MtfPlots.WriteFramePlots(run, results);
            int passed = results.Count(r => r.Analysis?.Ok == true);
            Console.WriteLine($"{passed} of {results.Count} frames fitted; wrote {Path.Combine(run, "mtf.csv")}");
            bool failed = passed < results.Count;
            if (series && !WriteSeries(run, results, plots)) failed = true;
            return failed ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static bool WriteSeries(string run, List<FrameResult> results, bool plots)
    {
        var ok = results.Where(r => r.Analysis?.Ok == true).Select(r => r.Analysis!).ToList();
        // Eq. 2 holds for the amplitude spectrum; a power-spectrum floor is its square (docs/detector.md).
        var floors = ok.Select(a => a.Spectrum!.Kind == SpectrumKind.Power ? Math.Sqrt(Math.Max(a.Fit!.C, 0)) : a.Fit!.C).ToList();
        ReadoutNoiseFit readout;
        try
        {
            readout = ReadoutNoiseFit.Fit(ok.Select(a => a.DoseElectronsPerPixel).ToList(), floors);
        }
        catch (ArgumentException e)
        {
            Console2.Error($"readout noise fit: {e.Message}");
            return false;
        }
        string path = Path.Combine(run, "readout.csv");
        CsvFiles.Write(path, [new ReadoutRow { N0 = readout.ReadoutNoiseElectronsPerPixel, R2 = readout.RSquared, Frames = readout.Frames }]);
        if (plots) MtfPlots.WriteSeriesPlots(run, results, readout);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"readout noise N0 = {readout.ReadoutNoiseElectronsPerPixel:G4} e/px (R² {readout.RSquared:F3}, {readout.Frames} frames); wrote {path}"));
        return true;
    }
}
