using System.Globalization;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: multislice simulation of a supported Au nanoparticle with its exact mask (`temkit simulate particle`),
/// and a small training dataset (`temkit simulate dataset`) for the segmentation step.</summary>
internal sealed class SimulationDemoStep : IDemoStep
{
    public int Order => 40;

    public string Title => "HRTEM simulation";

    public string Run(string folder, DemoOptions options)
    {
        string seed = options.Seed.ToString(CultureInfo.InvariantCulture);
        string particle = Path.Combine(folder, "particle");
        DemoCli.Run(folder, "simulate", "particle", "--element", "Au", "--diameter-nm", "2.5", "--seed", seed,
            "--grid", options.Quick ? "256" : "512", "--pixel-size-angstrom", options.Quick ? "0.15" : "0.075", "-o", particle);
        return "2.5 nm Au particle on CeO2 (111), 300 kV: particle/image.png, mask.png, exitwave.mrc, structure.xyz, params.json";
    }
}
