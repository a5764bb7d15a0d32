using System.Globalization;
using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.DoseLimits;

/// <summary><c>temkit dose-limits</c>: bad inputs end with one line naming the file and nothing written; a good run
/// writes every output.</summary>
[Collection("cli")]
public class DoseLimitsCommandTests
{
    private static (string Model, string Series) Inputs(TempFolder dir, int frames = 5, bool doses = true)
    {
        string model = dir["tiny.tkm"];
        ModelFile.Save(model, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3, Seed: 3)), input: ModelInput.FromPixelSizes([0.2]));
        var stack = new ImageStack(32, 32, frames, voxelSize: new VoxelSize(0.2, 0.2, 0));
        var rng = new Random(2);
        for (int i = 0; i < stack.Data.Length; i++) stack.Data[i] = (float)rng.NextDouble();
        string series = dir["series.mrc"];
        MrcFile.Write(series, stack);
        if (doses)
            File.WriteAllLines(dir["frames.csv"], ["frame,dose_e_per_A2", .. Enumerable.Range(0, frames).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{10 * Math.Pow(10, i):R}"))]);
        return (model, series);
    }

    [Fact]
    public void SeriesWithoutDosesIsOneLineAndNothingWritten()
    {
        using var dir = new TempFolder();
        var (model, series) = Inputs(dir, doses: false);
        var (code, _, stderr) = CliRunner.Run("dose-limits", model, "--series", series, "-o", dir["run"]);
        Assert.Equal(1, code);
        Assert.Equal("temkit: series.mrc: no dose for frame 0: no dose table (frames.csv does not exist), no SerialEM .mdoc with ExposureDose, and no positive dose in the header (FEI1/FEI2 Dose); give a dose CSV (columns frame, dose_e_per_A2 or dose_e_per_px)", stderr.Trim());
        Assert.False(Directory.Exists(dir["run"]), "a refused run leaves no run folder");
    }

    [Fact]
    public void MaskStackOfTheWrongSizeIsRefused()
    {
        using var dir = new TempFolder();
        var (model, series) = Inputs(dir);
        MrcFile.Write(dir["masks.mrc"], new ImageStack(32, 32, 4, voxelSize: new VoxelSize(0.2, 0.2, 0)));
        var (code, _, stderr) = CliRunner.Run("dose-limits", model, "--series", series, "--masks", dir["masks.mrc"], "-o", dir["run"]);
        Assert.Equal(1, code);
        Assert.Equal("temkit: masks.mrc: mask stack is 32x32x4, the series 32x32x5 (width x height x frames)", stderr.Trim());
        Assert.False(Directory.Exists(dir["run"]), "a refused run leaves no run folder");
    }

    [Fact]
    public void ModelOfAnotherPixelSizeIsRefused()
    {
        using var dir = new TempFolder();
        var (model, series) = Inputs(dir);
        var (code, _, stderr) = CliRunner.Run("dose-limits", model, "--series", series, "--pixel-size-angstrom", "0.3", "-o", dir["run"]);
        Assert.Equal(1, code);
        Assert.StartsWith("temkit: tiny.tkm: the series pixel size 0.3 Å/px is outside the model's training range 0.2 Å/px", stderr.Trim());
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir["run"]), "a refused run leaves no run folder");
    }

    [Fact]
    public void GoodRunWritesEveryOutput()
    {
        using var dir = new TempFolder();
        var (model, series) = Inputs(dir);
        var (code, stdout, stderr) = CliRunner.Run("dose-limits", model, "--series", series, "-o", dir["run"], "--smoothing-frames", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("5 frames, 0.2 Å/px, target: last frame's segmentation", stdout);
        foreach (string f in new[] { "frames.csv", "summary.csv", "area_vs_dose.svg", "report.html", "provenance.json", "overlays/tiny_at_dose.png" })
            Assert.True(File.Exists(Path.Combine(dir["run"], f)), f);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(dir["run"], "frames.csv")).Length);
        Assert.Empty(dir.TempFiles());
    }
}
