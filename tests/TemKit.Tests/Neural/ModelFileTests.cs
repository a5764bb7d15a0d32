using TemKit.IO;
using TemKit.Neural.Convolution;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;

namespace TemKit.Tests.Neural;

public class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tkm").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RoundTripKeepsWeightsOptimiserAndState()
    {
        var net = new UNet(new UNetParameters(BaseWidth: 3, Levels: 2, KernelSize: 3, Padding: PaddingMode.Reflect, Classes: 2, Seed: 4));
        var adam = new Adam(net.Parameters, new AdamParameters(LearningRate: 5e-4)) { Step = 17 };
        adam.First[3][1] = 0.25f;
        adam.SecondMax[5][0] = 2.5f;
        var state = new TrainingState(3, 9, [new EpochRecord(1, 0.5, double.NaN, double.NaN, 1.5), new EpochRecord(2, 0.4, 0.3, 0.8, 1.2), new EpochRecord(3, 0.3, 0.25, 0.85, 1.1)]);
        string path = Path.Combine(_dir, "m.tkm");
        ModelFile.Save(path, net, adam, state);
        var back = ModelFile.Load(path);
        var u = Assert.IsType<UNet>(back.Network);
        Assert.Equal(net.Settings, u.Settings);
        for (int i = 0; i < net.Parameters.Count; i++) Assert.Equal(net.Parameters[i].Value, back.Network.Parameters[i].Value);
        Assert.NotNull(back.Optimiser);
        Assert.Equal(17, back.Optimiser!.Step);
        Assert.Equal(5e-4, back.Optimiser.Settings.LearningRate);
        Assert.Equal(0.25f, back.Optimiser.First[3][1]);
        Assert.Equal(2.5f, back.Optimiser.SecondMax[5][0]);
        Assert.Equal(3, back.Training!.EpochsDone);
        Assert.True(double.IsNaN(back.Training.History[0].ValidationF1));
        Assert.Equal(0.85, back.Training.History[2].ValidationF1);
    }

    [Fact]
    public void MsdRoundTripWithoutOptimiser()
    {
        var net = new MsdNet(new MsdNetParameters(Depth: 7, KernelSize: 5, Seed: 12));
        string path = Path.Combine(_dir, "msd.tkm");
        ModelFile.Save(path, net);
        var back = ModelFile.Load(path);
        Assert.Null(back.Optimiser);
        Assert.Equal(net.Dilations, Assert.IsType<MsdNet>(back.Network).Dilations);
        Assert.Equal(net.OutputWeight.Value, ((MsdNet)back.Network).OutputWeight.Value);
    }

    [Fact]
    public void BrokenFilesNameTheProblem()
    {
        var net = new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3));
        string good = Path.Combine(_dir, "good.tkm");
        ModelFile.Save(good, net);
        var bytes = File.ReadAllBytes(good);

        string bad = Path.Combine(_dir, "bad.tkm");
        File.WriteAllBytes(bad, bytes[..^4]);
        Assert.Contains("data_bytes", Assert.Throws<TemKitFormatException>(() => ModelFile.Load(bad)).Message);

        var sig = (byte[])bytes.Clone();
        sig[0] = (byte)'X';
        File.WriteAllBytes(bad, sig);
        Assert.Equal("bad.tkm: signature is not TKMODEL1 (not a TemKit model file)", Assert.Throws<TemKitFormatException>(() => ModelFile.Load(bad)).Message);

        var ver = (byte[])bytes.Clone();
        int at = bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes($"\"version\": {ModelFile.Version}"));
        Assert.True(at > 0);
        ver[at + "\"version\": ".Length] = (byte)'7';
        File.WriteAllBytes(bad, ver);
        Assert.Contains("'version' is 7", Assert.Throws<TemKitFormatException>(() => ModelFile.Load(bad)).Message);

        File.WriteAllBytes(bad, bytes[..10]);
        Assert.Contains("too short", Assert.Throws<TemKitFormatException>(() => ModelFile.Load(bad)).Message);
    }

    [Fact]
    public void ResumedTrainingMatchesUninterruptedTraining()
    {
        var data = SyntheticParticles.Make(4, 32, seed: 3);
        MsdNet Make() => new(new MsdNetParameters(Depth: 4, KernelSize: 3, MaxDilation: 3, Seed: 2));
        var settings = new TrainerParameters(Epochs: 3, BatchSize: 2, CropSize: 24, Seed: 5);

        var a = Make();
        var adamA = new Adam(a.Parameters, settings.Adam);
        var ta = new Trainer(a, adamA, settings);
        for (int e = 1; e <= 3; e++) ta.RunEpoch(e, data, []);

        var b = Make();
        var adamB = new Adam(b.Parameters, settings.Adam);
        new Trainer(b, adamB, settings).RunEpoch(1, data, []);
        string path = Path.Combine(_dir, "resume.tkm");
        ModelFile.Save(path, b, adamB, new TrainingState(1, 5, []));
        var back = ModelFile.Load(path);
        var tb = new Trainer(back.Network, back.Optimiser!, settings);
        for (int e = 2; e <= 3; e++) tb.RunEpoch(e, data, []);
        for (int i = 0; i < a.Parameters.Count; i++) Assert.Equal(a.Parameters[i].Value, back.Network.Parameters[i].Value);
    }
}
