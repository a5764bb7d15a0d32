using TemKit.CtfCorrection;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Pipelines.Defocus;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.Defocus;

/// <summary>Corrected images go to a folder marked as a ctf-correct run: a later folder input skips it, and a folder
/// holding another job's run is refused.</summary>
public sealed class CtfCorrectionFolderTests
{
    private static (string Image, MeasuredDefocus Defocus) Setup(TempFolder dir)
    {
        string image = dir["a.mrc"];
        var stack = new ImageStack(32, 32, 1, voxelSize: VoxelSize.Isotropic(4));
        var rng = new Random(5);
        for (int i = 0; i < stack.Data.Length; i++) stack.Data[i] = 100 + (float)rng.NextDouble();
        MrcFile.Write(image, stack);
        var run = RunFolder.At(dir["dfrun"]);
        run.SaveOptions(new DefocusRunOptions());
        ResultsTable.Write(run.ResultsPath, [new DefocusResult
        {
            File = image, Status = DefocusResult.StatusOk, Defocus1Angstrom = 20100, Defocus2Angstrom = 19900, AstigmatismAngleDegrees = 30, PixelSizeAngstrom = 4,
        }]);
        return (image, MeasuredDefocus.Load(run.Root));
    }

    [Fact]
    public void TheOutputFolderIsMarkedAndAnotherJobsFolderRefused()
    {
        using var dir = new TempFolder();
        var (image, defocus) = Setup(dir);
        var options = new CtfCorrectionOptions { Kind = CtfCorrectionKind.PhaseFlip };
        var results = new CtfCorrectionRun(defocus, options, dir["flipped"]).Run([image]);
        Assert.Null(Assert.Single(results).Error);
        Assert.Equal("ctf-correct\n", File.ReadAllText(Path.Combine(dir["flipped"], RunFolderKind.FileName)));

        RunFolderKind.Claim(dir["segrun"], "segment");
        Assert.Throws<RunFolderClashException>(() => new CtfCorrectionRun(defocus, options, dir["segrun"]).Run([image]));
    }
}
