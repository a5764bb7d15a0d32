using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Neural.Optimisers;
using TemKit.Tests.Cli;
using TemKit.Tomography.Interpolation;
using TemKit.Tomography.Phantoms;
using Xunit;

namespace TemKit.Tests.Tomography.Interpolation;

[Collection("cli")]
public class InterpolationCommandTests
{
    private static string Model(TempFolder dir, double pixelSizeAngstrom)
    {
        var network = new InterpolationNetwork(new InterpolationNetworkParameters { Width = 4, Dilations = [1] });
        var info = new InterpolationTrainingInfo("ds", [0], [1], new InterpolationSampling(), pixelSizeAngstrom, 16, 1, 8, 4, new AdamParameters());
        string path = dir["m.tkm"];
        InterpolationModelFile.Save(path, new InterpolationModel(network, info, null, null));
        return path;
    }

    private static string Stack(TempFolder dir, double[] tilts, double pixelSizeAngstrom)
    {
        var proj = GaussianBlobs.Project(GaussianBlobs.Random(3, 10, 10, 1), 16, 16, tilts);
        string path = dir["s.mrc"];
        MrcFile.Write(path, new ImageStack(16, 16, tilts.Length, [.. proj.SelectMany(p => p)], StackKind.ImageStack, VoxelSize.Isotropic(pixelSizeAngstrom)));
        return path;
    }

    [Fact]
    public void InterpolateFillsEveryGapAndMarksTheSyntheticFrames()
    {
        using var dir = new TempFolder();
        string stack = Stack(dir, [-4, -2, 0, 2, 4], 0.6);
        var (code, stdout, stderr) = CliRunner.Run("tomo", "interpolate", stack, "--tilts", "-4:4:2", "--model", Model(dir, 0.6), "--to-step", "1", "-o", dir["d.mrc"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("9 frames (4 synthetic", stdout);
        Assert.Equal(9, MrcFile.Read(dir["d.mrc"]).Nz);
        Assert.Equal(["frame,tilt_deg,synthetic", "0,-4,0", "1,-3,1", "2,-2,0"], File.ReadAllLines(dir["d.synthetic.csv"]).Take(4));
        Assert.Empty(dir.TempFiles());
    }

    [Fact]
    public void BadInputIsRefusedInOneLineNamingTheFix()
    {
        using var dir = new TempFolder();
        string stack = Stack(dir, [-4, -2, 0, 2, 4], 0.6);
        string model = Model(dir, 0.6);
        var (code, _, stderr) = CliRunner.Run("tomo", "interpolate", stack, "--model", model, "--to-step", "1", "-o", dir["d.mrc"]);
        Assert.Equal(2, code);
        Assert.Contains("no tilt angles: give --tilts FILE (or FROM:TO:STEP) or put s.rawtlt beside the stack", stderr);
        File.WriteAllLines(dir["s.rawtlt"], ["-4", "-2", "2", "0", "4"]);
        (code, _, stderr) = CliRunner.Run("tomo", "interpolate", stack, "--model", model, "--to-step", "1", "-o", dir["d.mrc"]);
        Assert.Equal(1, code);
        Assert.Contains("not monotonic", stderr);
        (code, _, stderr) = CliRunner.Run("tomo", "interpolate", stack, "--tilts", "-4:4:2", "--model", model, "--to-step", "0.7", "-o", dir["d.mrc"]);
        Assert.Equal(2, code);
        Assert.Contains("not a power-of-two multiple of 0.7°", stderr);
        string other = Stack(dir, [-4, -2, 0, 2, 4], 1.5);
        (code, _, stderr) = CliRunner.Run("tomo", "interpolate", other, "--tilts", "-4:4:2", "--model", model, "--to-step", "1", "-o", dir["d.mrc"]);
        Assert.Equal(2, code);
        Assert.Contains("pixel size 1.5 Å but the model was trained at 0.6 Å/px", stderr);
        Assert.False(File.Exists(dir["d.mrc"]));
    }
}
