using TemKit.Imaging;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;

namespace TemKit.Tests.Neural;

[Collection("cli")]
public class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tkcli").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int Run(params string[] args) => TemKit.Cli.Program.Main(args);

    [Fact]
    public void TrainResumeAndSegment()
    {
        string imgPath = Path.Combine(_dir, "images.mrc"), maskPath = Path.Combine(_dir, "masks.mrc"), model = Path.Combine(_dir, "m.tkm");
        SyntheticParticles.WriteStacks(imgPath, maskPath, 6, 48, seed: 4);
        string[] common = ["train", "--net", "msd", "--depth", "4", "--kernel", "3", "--images", imgPath, "--masks", maskPath, "-o", model, "--crop", "32", "--batch", "2", "--val-fraction", "0.34"];
        Assert.Equal(0, Run([.. common, "--epochs", "2"]));
        Assert.Equal(2, ModelFile.Load(model).Training!.EpochsDone);
        Assert.Equal(0, Run([.. common, "--epochs", "3", "--resume"]));
        var history = CsvFiles.ReadTable(Path.Combine(_dir, "m.history.csv"));
        Assert.Equal(["epoch", "train_loss", "validation_loss", "validation_f1", "seconds"], history.Headers);
        Assert.Equal(3, history.Rows.Count);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(_dir, "m.learning-curve.svg")));

        string run = Path.Combine(_dir, "run");
        File.WriteAllText(Path.Combine(_dir, "broken.mrc"), "not an mrc");
        Assert.Equal(1, Run(["segment", model, imgPath, Path.Combine(_dir, "broken.mrc"), "-o", run, "--threshold", "0.5", "--tile", "32", "--overlap", "8"]));
        var table = CsvFiles.ReadTable(Path.Combine(run, "segmentation.csv"));
        Assert.Equal(7, table.Rows.Count);
        Assert.Equal(["ok", "ok", "ok", "ok", "ok", "ok", "error"], table.Column("status"));
        var row = table.Rows[2];
        Assert.Equal("2", row[table.ColumnIndex("frame")]);
        string stem = row[table.ColumnIndex("output_stem")];
        var mask = MrcFile.Read(Path.Combine(run, stem + ".mask.mrc"));
        long area = long.Parse(row[table.ColumnIndex("area_px")]);
        Assert.Equal(area, mask.Data.ToArray().LongCount(v => v == 1f));
        // 2 Å pixels: area in nm² is area_px · 0.04.
        if (area > 0) Assert.Equal(area * 0.04, double.Parse(row[table.ColumnIndex("area_nm2")], System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.True(File.Exists(Path.Combine(run, stem + ".overlay.png")));
        var prob = MrcFile.Read(Path.Combine(run, stem + ".probability.mrc"));
        Assert.All(prob.Data.ToArray(), p => Assert.InRange(p, 0f, 1f));
        // The model records the training pixel size of the 2 Å images.
        Assert.Equal(2, ModelFile.Load(model).Input.PixelSizeAngstrom);
    }

    [Fact]
    public void BadOptionsAreUsageErrors()
    {
        Assert.Equal(2, Run(["bench", "train", "--net", "resnet"]));
        Assert.Equal(2, Run(["bench", "infer", "--net", "unet", "--size-px", "100", "--levels", "4"]));
        // The learning-rate decay needs both epochs, the end after the start: one line, before any data is read.
        string model = Path.Combine(_dir, "decay.tkm");
        var (code, _, stderr) = TemKit.Tests.Cli.CliRunner.Run("tomo", "train-interpolation", _dir, "-o", model, "--lr-decay-start", "5");
        Assert.Equal(2, code);
        Assert.Contains("--lr-decay-start and --lr-decay-end go together", stderr, StringComparison.Ordinal);
        (code, _, stderr) = TemKit.Tests.Cli.CliRunner.Run("train", "--images", _dir, "--masks", _dir, "-o", model, "--lr-decay-start", "5", "--lr-decay-end", "5");
        Assert.Equal(2, code);
        Assert.Contains("--lr-decay-end 5: must be after --lr-decay-start 5", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void TrainsFromPngFoldersAndRejectsUnpairedMasks()
    {
        var samples = SyntheticParticles.Make(4, 32, seed: 8);
        string imgDir = Directory.CreateDirectory(Path.Combine(_dir, "img")).FullName, maskDir = Directory.CreateDirectory(Path.Combine(_dir, "mask")).FullName;
        for (int i = 0; i < 4; i++)
        {
            TemKit.IO.Png.PngWriter.WriteImage(Path.Combine(imgDir, $"p{i}.png"), new Image2D(32, 32, samples[i].Image));
            TemKit.IO.Png.PngWriter.WriteGray8(Path.Combine(maskDir, $"p{i}.png"), samples[i].Labels.Select(v => (byte)(v > 0 ? 255 : 0)).ToArray(), 32, 32);
        }
        string model = Path.Combine(_dir, "u.tkm");
        string[] args = ["train", "--net", "unet", "--width", "2", "--levels", "2", "--kernel", "3", "--images", imgDir, "--masks", maskDir, "-o", model, "--crop", "32", "--epochs", "1", "--val-fraction", "0.25"];
        Assert.Equal(0, Run(args));
        Assert.IsType<UNet>(ModelFile.Load(model).Network);
        File.Delete(Path.Combine(maskDir, "p3.png"));
        Assert.Equal(1, Run(args));
        Assert.Equal(2, Run([.. args[..^2], "--val-fraction", "1.5"]));
    }
}
