using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Tests.Neural;

namespace TemKit.Tests.Cli;

/// <summary>With stderr in a log file, each progress or result line stays one line, whatever its length.</summary>
[Collection("cli")]
public sealed class LogLineTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TrainingWritesEachEpochAsOneUnwrappedLine()
    {
        var samples = SyntheticParticles.Make(3, 32, seed: 2);
        var images = new ImageStack(32, 32, 3, voxelSize: new VoxelSize(2, 2, 2));
        var masks = new ImageStack(32, 32, 3);
        for (int z = 0; z < 3; z++)
        {
            samples[z].Image.CopyTo(images.Frame(z));
            samples[z].Labels.CopyTo(masks.Frame(z));
        }
        MrcFile.Write(_dir["images.mrc"], images);
        MrcFile.Write(_dir["masks.mrc"], masks);
        var (code, _, stderr) = CliRunner.Run("train", "--net", "msd", "--depth", "2", "--kernel", "3", "--images", _dir["images.mrc"],
            "--masks", _dir["masks.mrc"], "-o", _dir["a-model-with-a-name-long-enough-to-matter.tkm"], "--crop", "16", "--batch", "1",
            "--val-fraction", "0.34", "--epochs", "12");
        Assert.True(code == 0, stderr);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // "epoch 12/12: train loss 0.4321, validation loss 0.2401, validation F1 0.904 (0.0 s)" is over 80 characters.
        string[] epochs = lines.Where(l => l.Contains(": train loss", StringComparison.Ordinal)).ToArray();
        Assert.Equal(12, epochs.Length);
        Assert.All(epochs, l => Assert.Matches(@"^epoch [0-9]+/12: train loss .*, validation F1 [0-9.]+ \([0-9.]+ s\)$", l));
    }
}
