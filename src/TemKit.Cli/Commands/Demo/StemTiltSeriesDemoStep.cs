using System.Globalization;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: a HAADF-STEM image of a Pt cluster by the incoherent model, and a small incoherent tilt
/// series of it with Poisson noise, tilt angles and the ground-truth volume (`temkit simulate stem`, `simulate tilt-series`).</summary>
internal sealed class StemTiltSeriesDemoStep : IDemoStep
{
    public int Order => 55;

    public string Title => "STEM tilt series";

    public string Run(string folder, DemoOptions options)
    {
        string seed = options.Seed.ToString(CultureInfo.InvariantCulture);
        DemoCli.Run(folder, "simulate", "stem", "--shape", "icosahedron", "--element", "Pt", "--shells", "3", "--orientation-seed", seed,
            "--method", "incoherent", "--step-angstrom", "0.15", "-o", Path.Combine(folder, "haadf.mrc"));
        string tilts = options.Quick ? "-60:60:10" : "-90:90:2";
        DemoCli.Run(folder, "simulate", "tilt-series", "--shape", "icosahedron", "--element", "Pt", "--shells", "3", "--orientation-seed", seed,
            "--tilts", tilts, "--image-px", options.Quick ? "64" : "128", "--dose-e-per-A2", "5000", "-o", Path.Combine(folder, "tilt-series"));
        return $"Pt147 icosahedron, HAADF 70-200 mrad, incoherent model: haadf.png; tilt series {tilts}° in tilt-series/ (series.mrc, series.rawtlt, volume.mrc)";
    }
}
