using System.Globalization;
using TemKit.IO.Csv;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: simulate a vacuum dose series through a detector with a known MTF and readout noise
/// (`temkit noise simulate`), then measure both back from the images (`temkit mtf series`).</summary>
internal sealed class DetectorDemoStep : IDemoStep
{
    public int Order => 30;

    public string Title => "Detector MTF and readout noise";

    public string Run(string folder, DemoOptions options)
    {
        const double TrueN0 = 0.01, TrueC0 = 0.25, TrueC3 = 2.5;
        string stack = Path.Combine(folder, "vacuum.mrc");
        string run = Path.Combine(folder, "mtf-run");
        string[] simulate =
        [
            "noise", "simulate", "-o", stack, "--frames", options.Quick ? "6" : "12", "--size-px", options.Quick ? "256" : "512",
            "--c0", Inv(TrueC0), "--c3", Inv(TrueC3), "--n0", Inv(TrueN0), "--dose-e-per-A2", "10:1300", "--pixel-size-angstrom", "0.05",
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
        ];
        string[] series = ["mtf", "series", stack, "-o", run];
        DemoCli.Run(folder, simulate);
        DemoCli.Run(folder, series);
        var readout = CsvFiles.ReadTable(Path.Combine(run, "readout.csv"));
        string n0 = readout.Column("N0").First();
        string r2 = readout.Column("r2").First();
        return $"readout noise N0: true {Inv(TrueN0)} e/px, measured {Fmt(n0)} e/px (Eq. 2 fit R² {Fmt(r2)}); per-frame fits and plots in mtf-run/";
    }

    private static string Inv(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Fmt(string v) =>
        double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d.ToString("G3", CultureInfo.InvariantCulture) : v;
}
