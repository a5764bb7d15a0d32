using System.Globalization;
using TemKit.IO.Csv;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: simulate the same Au particle on CeO2 on the [110] zone axis and tilted off it
/// (`temkit simulate particle --tilt-deg`), then run `temkit particles` with the exact masks: regional Fourier peak
/// pairs, brightest/dimmest ratio, zone axis, and the zone-axis frame filter.</summary>
internal sealed class ParticlesDemoStep : IDemoStep
{
    public int Order => 57;

    public string Title => "Particle analysis (regional Fourier, zone-axis filter)";

    public string Run(string folder, DemoOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        string seed = options.Seed.ToString(inv);
        string[] tilts = options.Quick ? ["0", "8"] : ["0", "2", "4", "8"];
        string grid = options.Quick ? "192" : "320", diameter = options.Quick ? "1.6" : "2.5";
        var images = new List<string>();
        var masks = new List<string>();
        foreach (string tilt in tilts)
        {
            string sim = Path.Combine(folder, $"tilt{tilt}");
            DemoCli.Run(folder, "simulate", "particle", "--diameter-nm", diameter, "--grid", grid, "--pixel-size-angstrom", "0.1",
                "--tilt-deg", tilt, "--tilt-axis-deg", "30", "--defocus-angstrom", "60", "--dose-e-per-A2", "2000", "--seed", seed, "-o", sim);
            images.Add(Path.Combine(sim, "image.mrc"));
            masks.Add(Path.Combine(sim, "mask.mrc"));
        }
        string run = Path.Combine(folder, "particles");
        DemoCli.Run(folder, ["particles", .. images, "--masks", .. masks, "--report-frames", options.Quick ? "1" : "2", "-o", run]);
        var table = CsvFiles.ReadTable(Path.Combine(run, "particles.csv"));
        var ratios = table.Column("ratio").ToList();
        var zones = table.Column("zone").ToList();
        var kept = CsvFiles.ReadTable(Path.Combine(run, "frames.csv")).Column("kept").Count(k => k == "true");
        string series = string.Join(", ", tilts.Select((t, i) => $"{t}° ratio {(i < ratios.Count ? ratios[i] : "-")}{(i < zones.Count && zones[i].Length > 0 ? " " + zones[i] : "")}"));
        return $"Au particle tilted off [110]: {series}; {kept} of {tilts.Length} frame(s) kept by the ratio filter: particles/report.html, particles/particles.csv";
    }
}
