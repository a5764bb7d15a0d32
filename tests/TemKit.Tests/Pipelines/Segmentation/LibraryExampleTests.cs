using System.Globalization;
using System.Runtime.CompilerServices;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;
using TemKit.Pipelines.Segmentation;
using TemKit.Tests.Cli;
using TemKit.Tests.Neural;

namespace TemKit.Tests.Pipelines.Segmentation;

/// <summary>
/// The "train and segment" library example of docs/library-segmentation.md (README "Use TemKit as a library"):
/// the code between the example markers below is the documented code, checked to be identical to the page, and it
/// gives the same model and the same numbers as `temkit train` and `temkit segment` on the same input.
/// </summary>
[Collection("cli")]
public class LibraryExampleTests
{
    private static (string Images, string Masks, string Image) MakeDataset(string folder)
    {
        var samples = SyntheticParticles.Make(7, 48, seed: 11);
        var images = new ImageStack(48, 48, 6, voxelSize: VoxelSize.Isotropic(2));
        var masks = new ImageStack(48, 48, 6);
        for (int z = 0; z < 6; z++)
        {
            samples[z].Image.CopyTo(images.Frame(z));
            samples[z].Labels.CopyTo(masks.Frame(z));
        }
        string imagesPath = Path.Combine(folder, "images.mrc"), masksPath = Path.Combine(folder, "masks.mrc"), imagePath = Path.Combine(folder, "held-out.mrc");
        MrcFile.Write(imagesPath, images);
        MrcFile.Write(masksPath, masks);
        MrcFile.Write(imagePath, new Image2D(48, 48, samples[6].Image, VoxelSize.Isotropic(2)));
        return (imagesPath, masksPath, imagePath);
    }

    private static SegmentationResult Example(string imagesPath, string masksPath, string modelPath, string imagePath)
    {
        // begin example
        // Train an MSD-net on image/mask pairs (e.g. DS/images.mrc and DS/masks.mrc of `temkit simulate dataset`).
        var samples = SegmentationDataset.Load(imagesPath, masksPath, classes: 1);
        var (train, validation) = SegmentationDataset.Split(samples, validationFraction: 0.34, seed: 5);
        var network = new MsdNet(new MsdNetParameters(Depth: 4, KernelSize: 3, Seed: 5));
        var adam = new Adam(network.Parameters, new AdamParameters());
        var trainer = new Trainer(network, adam, new TrainerParameters(Epochs: 2, BatchSize: 2, CropSize: 32, Seed: 5));
        for (int epoch = 1; epoch <= 2; epoch++) trainer.RunEpoch(epoch, train, validation);
        // The model file records the training pixel size, so Segmenter can check (and fix) a mismatch.
        ModelFile.Save(modelPath, network, adam, input: ModelInput.FromPixelSizes(samples.Select(s => s.PixelSizeAngstrom)));

        // Segment an image: normalisation, pixel-size check, tiling, threshold and particles happen inside.
        var model = ModelFile.Load(modelPath);
        var image = ImageFile.Read(imagePath).FrameImage(0);
        var result = Segmenter.Segment(image, model, new SegmentationOptions { TileSizePx = 32, TileOverlapPx = 8 });
        Console.WriteLine($"mask {result.AreaNm2:F3} nm², {result.Particles.Count} particles");
        foreach (var p in result.Particles)
            Console.WriteLine($"  particle {p.Label}: {p.AreaNm2:F3} nm², diameter {p.EquivalentDiameterNm:F2} nm at ({p.CentroidXNm:F2}, {p.CentroidYNm:F2}) nm");
        // end example
        return result;
    }

    [Fact]
    public void ExampleGivesTheSameModelAndNumbersAsTheCli()
    {
        using var dir = new TempFolder();
        var (images, masks, image) = MakeDataset(dir.Root);
        string libraryModel = dir["library.tkm"], cliModel = dir["cli.tkm"];
        var stdout = Console.Out;
        SegmentationResult result;
        try
        {
            Console.SetOut(TextWriter.Null);
            result = Example(images, masks, libraryModel, image);
        }
        finally
        {
            Console.SetOut(stdout);
        }

        var (code, _, err) = CliRunner.Run("train", "--net", "msd", "--depth", "4", "--kernel", "3", "--seed", "5", "--epochs", "2", "--batch", "2",
            "--crop", "32", "--val-fraction", "0.34", "--images", images, "--masks", masks, "-o", cliModel);
        Assert.True(code == 0, err);
        var a = ModelFile.Load(libraryModel);
        var b = ModelFile.Load(cliModel);
        for (int i = 0; i < a.Network.Parameters.Count; i++) Assert.Equal(b.Network.Parameters[i].Value, a.Network.Parameters[i].Value);
        Assert.Equal(b.Input, a.Input);
        Assert.Equal(2, a.Input.PixelSizeAngstrom);

        string run = dir["run"];
        (code, _, err) = CliRunner.Run("segment", cliModel, image, "--tile-size-px", "32", "--tile-overlap-px", "8", "-o", run);
        Assert.True(code == 0, err);
        var table = CsvFiles.ReadTable(Path.Combine(run, "segmentation.csv"));
        Assert.Equal(result.AreaPx.ToString(CultureInfo.InvariantCulture), table.Column("area_px").Single());
        Assert.Equal(result.Particles.Count.ToString(CultureInfo.InvariantCulture), table.Column("particles").Single());
        Assert.Equal(result.AreaNm2.ToString("G6", CultureInfo.InvariantCulture), table.Column("area_nm2").Single());
        var particles = CsvFiles.ReadTable(Path.Combine(run, "particles.csv"));
        Assert.Equal(result.Particles.Select(p => p.EquivalentDiameterNm.ToString("G6", CultureInfo.InvariantCulture)), particles.Column("equivalent_diameter_nm"));
        var probability = MrcFile.Read(Path.Combine(run, table.Column("output_stem").Single() + ".probability.mrc"));
        Assert.Equal(result.Probability, probability.Array);
    }

    [Fact]
    public void DocumentedCodeIsTheTestedCode()
    {
        string tested = Region(File.ReadAllLines(ThisFile()), "// begin example", "// end example");
        string doc = Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "..", "docs", "library-segmentation.md");
        string documented = Region(File.ReadAllLines(doc), "```csharp", "```");
        Assert.Equal(tested, documented);
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    /// <summary>The lines strictly between the first <paramref name="begin"/> line and the next <paramref name="end"/> line, unindented.</summary>
    private static string Region(string[] lines, string begin, string end)
    {
        int start = Array.FindIndex(lines, l => l.Trim() == begin);
        Assert.True(start >= 0, $"no '{begin}' line");
        int stop = Array.FindIndex(lines, start + 1, l => l.Trim() == end);
        Assert.True(stop > start, $"no '{end}' line");
        var body = lines[(start + 1)..stop];
        int indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
