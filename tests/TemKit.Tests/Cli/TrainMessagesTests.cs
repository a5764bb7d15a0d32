using TemKit.Neural.Training;
using TemKit.Tests.Neural;

namespace TemKit.Tests.Cli;

/// <summary>A validation fraction that leaves nothing to train on is named as such, on a fresh run too.</summary>
[Collection("cli")]
public sealed class TrainMessagesTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SplitRefusesToHoldOutEverySample()
    {
        var samples = SyntheticParticles.Make(8, 16, seed: 1);
        var (train, validation) = SegmentationDataset.Split(samples, 0.9, seed: 1);
        Assert.Equal((1, 7), (train.Count, validation.Count));
        var e = Assert.Throws<ArgumentException>(() => SegmentationDataset.Split(samples, 0.99, seed: 1));
        Assert.Equal("validation fraction 0.99 holds out all 8 samples, leaving none to train on", e.Message);
    }

    [Fact]
    public void AFreshRunWithEverySampleHeldOutIsAUsageErrorNamingTheFraction()
    {
        SyntheticParticles.WriteStacks(_dir["images.mrc"], _dir["masks.mrc"], 3, 32, seed: 2);
        var (code, _, stderr) = CliRunner.Run("train", "--net", "msd", "--depth", "2", "--kernel", "3", "--images", _dir["images.mrc"],
            "--masks", _dir["masks.mrc"], "-o", _dir["m.tkm"], "--crop", "16", "--val-fraction", "0.9", "--epochs", "1");
        Assert.Equal(2, code);
        Assert.Contains("temkit: validation fraction 0.9 holds out all 3 samples, leaving none to train on", stderr);
        Assert.DoesNotContain("--resume", stderr);
        Assert.False(File.Exists(_dir["m.tkm"]));
    }
}
