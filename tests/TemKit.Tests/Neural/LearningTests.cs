using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;
using Xunit.Abstractions;

namespace TemKit.Tests.Neural;

public class LearningTests(ITestOutputHelper output)
{
    private double TrainAndScore(ISegmentationNetwork net, int epochs, int crop)
    {
        var train = SyntheticParticles.Make(24, 64, seed: 1);
        var heldOut = SyntheticParticles.Make(6, 64, seed: 2);
        var trainer = new Trainer(net, new Adam(net.Parameters, new AdamParameters(LearningRate: 3e-3)), new TrainerParameters(epochs, BatchSize: 4, CropSize: crop, Seed: 3));
        for (int e = 1; e <= epochs; e++)
        {
            var r = trainer.RunEpoch(e, train, e % 5 == 0 || e == epochs ? heldOut : []);
            if (!double.IsNaN(r.ValidationF1)) output.WriteLine($"{net.Kind} epoch {e}: loss {r.TrainLoss:F4} held-out F1 {r.ValidationF1:F3}");
        }
        return trainer.Validate(heldOut).F1;
    }

    [Fact]
    public void MsdNetLearnsToSegmentParticles()
    {
        var net = new MsdNet(new MsdNetParameters(Depth: 20, Width: 1, KernelSize: 3, MaxDilation: 8, Seed: 5));
        Assert.True(TrainAndScore(net, 40, 48) >= 0.9);
    }

    [Fact]
    public void UNetLearnsToSegmentParticles()
    {
        var net = new UNet(new UNetParameters(BaseWidth: 8, Levels: 2, KernelSize: 3, Seed: 5));
        Assert.True(TrainAndScore(net, 40, 48) >= 0.9);
    }
}
