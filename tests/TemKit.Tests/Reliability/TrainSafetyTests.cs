using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Reliability;

/// <summary>Issue 18.2, 18.4, 18.6, 18.7 for `temkit train`: inputs never overwritten, garbage never saved, resume checked.</summary>
[Collection("cli")]
public sealed class TrainSafetyTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] s_small = ["--net", "msd", "--depth", "2", "--kernel", "3", "--max-dilation", "2", "--crop", "16", "--batch", "2", "--val-fraction", "0.25"];

    /// <summary>Four 32×32 images with masks (a bright disc on noise), written as two MRC stacks.</summary>
    private (string Images, string Masks) Data(int seed = 1)
    {
        var rng = new Random(seed);
        var img = new float[4 * 32 * 32];
        var mask = new float[img.Length];
        for (int i = 0; i < img.Length; i++)
        {
            int x = i % 32 - 16, y = i / 32 % 32 - 16;
            bool inside = x * x + y * y < 64;
            mask[i] = inside ? 1 : 0;
            img[i] = (inside ? 2f : 0f) + (float)rng.NextDouble();
        }
        string images = _dir[$"images{seed}.mrc"], masks = _dir[$"masks{seed}.mrc"];
        MrcFile.Write(images, new ImageStack(32, 32, 4, img, StackKind.Image, VoxelSize.Isotropic(1)));
        MrcFile.Write(masks, new ImageStack(32, 32, 4, mask, StackKind.Image, VoxelSize.Isotropic(1)));
        return (images, masks);
    }

    /// <summary>Runs train with the small settings; an option in <paramref name="extra"/> replaces the small one.</summary>
    private static (int, string, string) Train(string images, string masks, string output, params string[] extra)
    {
        var small = new List<string>();
        for (int i = 0; i < s_small.Length; i += 2)
            if (!extra.Contains(s_small[i])) small.AddRange([s_small[i], s_small[i + 1]]);
        return CliRunner.Run([.. new[] { "train", "--images", images, "--masks", masks, "-o", output }, .. small, .. extra]);
    }

    [Fact]
    public void AnOutputThatIsAnInputIsRefusedAndTheInputKept()
    {
        var (images, masks) = Data();
        byte[] before = File.ReadAllBytes(masks);
        var (code, _, stderr) = Train(images, masks, masks, "--epochs", "1");
        Assert.Equal(2, code);
        Assert.Contains("is the input file", stderr);
        Assert.Equal(before, File.ReadAllBytes(masks));
    }

    [Fact]
    public void AnExistingFileThatIsNotAModelIsOnlyOverwrittenWithForce()
    {
        var (images, masks) = Data();
        string other = _dir["unrelated.mrc"];
        File.Copy(images, other);
        var (code, _, stderr) = Train(images, masks, other, "--epochs", "1");
        Assert.Equal(2, code);
        Assert.Contains("exists and is not a TemKit model", stderr);
        Assert.Equal(File.ReadAllBytes(images), File.ReadAllBytes(other));
        Assert.Equal(0, Train(images, masks, other, "--epochs", "1", "--force").Item1);
        Assert.Equal(0, Train(images, masks, other, "--epochs", "1").Item1); // now a model: re-training into it is normal
    }

    [Fact]
    public void AnUnwritableOutputIsRefusedBeforeTraining()
    {
        var (images, masks) = Data();
        var (code, stdout, stderr) = Train(images, masks, "/proc/r.tkm", "--epochs", "1");
        Assert.Equal(2, code);
        Assert.Contains("--output /proc/r.tkm: cannot write in /proc", stderr);
        Assert.DoesNotContain("epoch 1", stderr);
    }

    [Theory]
    [InlineData("--crop", "24")]
    [InlineData("--batch", "1")]
    [InlineData("--val-fraction", "0.5")]
    [InlineData("--lr", "0.01")]
    [InlineData("--depth", "3")]
    [InlineData("--seed", "9")]
    [InlineData("data", "")]
    public void ResumeRefusesAChangeOfMeaning(string option, string value)
    {
        var (images, masks) = Data();
        string model = _dir["m.tkm"];
        Assert.Equal(0, Train(images, masks, model, "--epochs", "1").Item1);
        byte[] before = File.ReadAllBytes(model);
        (int code, string _, string stderr) = option == "data"
            ? Train(Data(2).Images, Data(2).Masks, model, "--epochs", "2", "--resume")
            : Train(images, masks, model, "--epochs", "2", "--resume", option, value);
        Assert.Equal(2, code);
        Assert.Contains("--resume", stderr.Replace("--seed", "--resume", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void ResumeMayExtendTheEpochsWithANote()
    {
        var (images, masks) = Data();
        string model = _dir["m.tkm"];
        Assert.Equal(0, Train(images, masks, model, "--epochs", "1").Item1);
        var (code, _, stderr) = Train(images, masks, model, "--epochs", "2", "--resume");
        Assert.Equal(0, code);
        Assert.Contains("--epochs may change on --resume", stderr);
        Assert.Equal(2, ModelFile.Load(model).Training!.EpochsDone);
    }

    [Fact]
    public void TrainingStopsAtTheFirstNonFiniteLoss()
    {
        var net = new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3, MaxDilation: 2, Seed: 1));
        net.Parameters[0].Value[0] = float.NaN;
        var trainer = new Trainer(net, new Adam(net.Parameters, new AdamParameters()), new TrainerParameters(1, BatchSize: 2, CropSize: 16, Seed: 1));
        var samples = SegmentationDataset.Load(Data().Images, Data().Masks, 1);
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.RunEpoch(1, samples, []));
        Assert.Equal(1, e.Step);
        Assert.Contains("not finite", e.Message.Replace("is NaN", "not finite", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    public void ALearningRateThatCannotLearnIsRefusedByTheLibrary(double lr)
    {
        var net = new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3, MaxDilation: 2, Seed: 1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(net, new Adam(net.Parameters, new AdamParameters(lr)), new TrainerParameters(1, CropSize: 16)));
        Assert.Contains("LearningRate must be a finite number in (0, 1]", e.Message);
    }
}
