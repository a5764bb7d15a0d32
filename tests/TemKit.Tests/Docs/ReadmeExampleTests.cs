using System.Globalization;
using System.Text.RegularExpressions;
using TemKit.Cli;
using TemKit.Detector;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Defocus.Simulation;
using TemKit.Pipelines.Detector;
using TemKit.Pipelines.Particle;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;
using TemKit.Tests.Architecture;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Docs;

/// <summary>
/// The README's "Use TemKit as a library" examples: each region below is the README block of the same name, character
/// for character (checked), run on generated input, and compared with the CLI on the same input.
/// </summary>
[Collection("cli")]
public sealed partial class ReadmeExampleTests
{
    [GeneratedRegex(@"<!-- example: (\w+) -->\s*```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"#region example (\w+)\n(.*?)\s*#endregion", RegexOptions.Singleline)]
    private static partial Regex TestRegion();

    private static string Dedent(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        int indent = lines.Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l[indent..]));
    }

    [Fact]
    public void ReadmeBlocksAreTheCodeTheseTestsRun()
    {
        var readme = ReadmeBlock().Matches(File.ReadAllText(Path.Combine(SourceTree.Root, "README.md")))
            .ToDictionary(m => m.Groups[1].Value, m => Dedent(m.Groups[2].Value));
        var tests = TestRegion().Matches(File.ReadAllText(Path.Combine(SourceTree.Root, "tests", "TemKit.Tests", "Docs", "ReadmeExampleTests.cs")))
            .ToDictionary(m => m.Groups[1].Value, m => Dedent(m.Groups[2].Value));
        Assert.Equal(["ctf", "mtf", "particle"], readme.Keys.Order());
        foreach (var (name, code) in readme) Assert.Equal(code, tests[name]);
    }

    private static string Column(string csv, string column, int row = 0)
    {
        var lines = File.ReadAllLines(csv);
        int index = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(index >= 0, $"{csv} has no column {column}");
        return lines[1 + row].Split(',')[index];
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void CtfExampleGivesTheCliNumbers()
    {
        using var dir = new TempFolder();
        var truth = DefocusDataset.Generate(dir["data"], new DefocusDatasetOptions { Count = 1, SizePx = 512, Seed = 3 }).Single();
        string micrographPath = truth.File;
        #region example ctf
        var analyzer = new DefocusAnalyzer(new DefocusRunOptions(), figuresFolder: null);
        DefocusResult ctf = analyzer.Analyse(micrographPath).Result;
        Console.WriteLine($"Δf1 {ctf.Defocus1Angstrom:F0} Å, Δf2 {ctf.Defocus2Angstrom:F0} Å, axis {ctf.AstigmatismAngleDegrees:F1}°");
        #endregion
        Assert.Equal("ok", ctf.Status);
        Assert.InRange(ctf.Defocus1Angstrom, 0.95 * truth.Defocus1Angstrom, 1.05 * truth.Defocus1Angstrom);
        Assert.Equal(0, Program.Main(["defocus", micrographPath, "-o", dir["run"]]));
        string results = Path.Combine(dir["run"], "results.csv");
        Assert.Equal(ctf.Defocus1Angstrom, D(Column(results, "defocus1_A")));
        Assert.Equal(ctf.Defocus2Angstrom, D(Column(results, "defocus2_A")));
    }

    [Fact]
    public void MtfExampleGivesTheCliNumbers()
    {
        using var dir = new TempFolder();
        string vacuumSeriesPath = dir["vacuum.mrc"], runFolder = dir["run"];
        DetectorSeries.SimulateVacuum(256, 6, new DoseSchedule(10, 1300), 0.05, DetectorModelRange.Fixed(new DetectorModel(0.25, 2.5, 0, 0.01)), seed: 1)
            .Write(vacuumSeriesPath);
        #region example mtf
        var run = new MtfRun(runFolder, new MtfRunOptions(new MtfAnalysisOptions(Spectrum: SpectrumKind.Amplitude)));
        MtfRunResult frames = run.Run([vacuumSeriesPath]);
        ReadoutNoiseFit readout = run.FitSeries(frames).Readout;
        Console.WriteLine($"{frames.Passed} frames fitted; N0 = {readout.ReadoutNoiseElectronsPerPixel:G4} e/px");
        #endregion
        Assert.InRange(readout.ReadoutNoiseElectronsPerPixel, 0.0085, 0.0115);
        Assert.Equal(0, Program.Main(["mtf", "series", vacuumSeriesPath, "-o", dir["cli"], "--no-plots"]));
        Assert.Equal(readout.ReadoutNoiseElectronsPerPixel, D(Column(Path.Combine(dir["cli"], "readout.csv"), "N0")));
    }

    [Fact]
    public void ParticleExampleGivesTheCliImage()
    {
        using var dir = new TempFolder();
        string outputFolder = dir["library"];
        #region example particle
        var parameters = new ParticleImageParameters(
            new FccParticleParameters("Au", DiameterNanometres: 1.5), XyzPath: null,
            new SimulationGrid(256, 256, 0.15), new PotentialParameters(2.0), new MultisliceParameters(300),
            new ImagingParameters());
        ParticleImageResult particle = ParticleImage.Simulate(parameters);
        ParticleImage.WriteFolder(outputFolder, particle);
        Console.WriteLine($"{particle.Case.Specimen.Particle.Length} Au atoms, mask fraction {particle.Summary.MaskFraction:F3}");
        #endregion
        Assert.Equal(0, Program.Main(["simulate", "particle", "-o", dir["cli"], "--grid", "256", "--pixel-size-angstrom", "0.15", "--diameter-nm", "1.5"]));
        var cli = TemKit.IO.Mrc.MrcFile.Read(Path.Combine(dir["cli"], "image.mrc"));
        Assert.True(cli.Frame(0).SequenceEqual(particle.Detected.Pixels), "library and CLI images differ");
        Assert.Equal(File.ReadAllText(Path.Combine(dir["cli"], "params.json")), File.ReadAllText(Path.Combine(outputFolder, "params.json")));
    }
}
