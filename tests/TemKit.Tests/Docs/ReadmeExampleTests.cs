using System.Globalization;
using System.Text.RegularExpressions;
using TemKit.Cli;
using TemKit.Detector;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Defocus.Simulation;
using TemKit.Pipelines.Detector;
using TemKit.Pipelines.Particle;
using TemKit.Pipelines.Segmentation;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;
using TemKit.Pipelines.Training;
using TemKit.IO;
using TemKit.Imaging;
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
        Assert.Equal(["ctf", "mtf", "particle", "segment"], readme.Keys.Order());
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
        // results.csv keeps 6 significant digits: the CLI's cell is the library's number written that way.
        Assert.Equal(Cells.Short(ctf.Defocus1Angstrom), Column(results, "defocus1_A"));
        Assert.Equal(Cells.Short(ctf.Defocus2Angstrom), Column(results, "defocus2_A"));
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

    [Fact]
    public void SegmentExampleGivesTheCliModelAndNumbers()
    {
        using var dir = new TempFolder();
        // Six 48x48 training pairs at 2 Å/px and a held-out image: synthetic particles on correlated noise.
        var synthetic = TemKit.Tests.Neural.SyntheticParticles.Make(7, 48, seed: 11);
        var imageStack = new ImageStack(48, 48, 6, voxelSize: VoxelSize.Isotropic(2));
        var maskStack = new ImageStack(48, 48, 6);
        for (int z = 0; z < 6; z++)
        {
            synthetic[z].Image.CopyTo(imageStack.Frame(z));
            synthetic[z].Labels.CopyTo(maskStack.Frame(z));
        }
        string imagesPath = dir["images.mrc"], masksPath = dir["masks.mrc"], imagePath = dir["held-out.mrc"], modelPath = dir["library.tkm"];
        TemKit.IO.Mrc.MrcFile.Write(imagesPath, imageStack);
        TemKit.IO.Mrc.MrcFile.Write(masksPath, maskStack);
        TemKit.IO.Mrc.MrcFile.Write(imagePath, new Image2D(48, 48, synthetic[6].Image, VoxelSize.Isotropic(2)));
        #region example segment
        var samples = SegmentationDataset.Load(imagesPath, masksPath, classes: 1);
        var training = new TrainingJobParameters(modelPath, samples, new MsdNetParameters(Depth: 4, KernelSize: 3, Seed: 5),
            new TrainerParameters(Epochs: 2, BatchSize: 2, CropSize: 32, Seed: 5), ValidationFraction: 0.34);
        TrainingResult trained = new TrainingJob(training).Run();
        var options = new SegmentationOptions { TileSizePx = 32, TileOverlapPx = 8 };
        SegmentationResult result = Segmenter.Segment(ImageFile.Read(imagePath).FrameImage(0), ModelFile.Load(modelPath), options);
        Console.WriteLine($"mask {result.AreaNm2:F3} nm², {result.Particles.Count} particles");
        #endregion
        string cliModel = dir["cli.tkm"];
        Assert.Equal(0, Program.Main(["train", "--net", "msd", "--depth", "4", "--kernel", "3", "--seed", "5", "--epochs", "2", "--batch", "2",
            "--crop", "32", "--val-fraction", "0.34", "--images", imagesPath, "--masks", masksPath, "-o", cliModel]));
        var a = ModelFile.Load(modelPath);
        var b = ModelFile.Load(cliModel);
        for (int i = 0; i < a.Network.Parameters.Count; i++) Assert.Equal(b.Network.Parameters[i].Value, a.Network.Parameters[i].Value);
        Assert.Equal(b.Input, a.Input);
        Assert.Equal(2, a.Input.PixelSizeAngstrom);
        Assert.Equal(0, Program.Main(["segment", cliModel, imagePath, "--tile-size-px", "32", "--tile-overlap-px", "8", "-o", dir["run"]]));
        string table = Path.Combine(dir["run"], "segmentation.csv");
        Assert.Equal(result.AreaPx, long.Parse(Column(table, "area_px"), CultureInfo.InvariantCulture));
        Assert.Equal(result.AreaNm2.ToString("G6", CultureInfo.InvariantCulture), Column(table, "area_nm2"));
        Assert.Equal(result.Particles.Count, int.Parse(Column(table, "particles"), CultureInfo.InvariantCulture));
        for (int k = 0; k < result.Particles.Count; k++)
            Assert.Equal(result.Particles[k].EquivalentDiameterNm.ToString("G6", CultureInfo.InvariantCulture), Column(Path.Combine(dir["run"], "particles.csv"), "equivalent_diameter_nm", k));
        var probability = TemKit.IO.Mrc.MrcFile.Read(Path.Combine(dir["run"], Column(table, "output_stem") + ".probability.mrc"));
        Assert.Equal(result.Probability, probability.Array);
    }
}
