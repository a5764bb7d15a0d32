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
        SyntheticParticles.WriteStacks(_dir["images.mrc"], _dir["masks.mrc"], 3, 32, seed: 2);
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
