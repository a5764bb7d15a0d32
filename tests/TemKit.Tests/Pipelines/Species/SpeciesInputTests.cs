using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;
using TemKit.Pipelines.Species;

namespace TemKit.Tests.Pipelines.Species;

public sealed class SpeciesInputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"species-{Guid.NewGuid():N}");

    public SpeciesInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Stack(string name, int w, int h, int frames, double px = 0.2)
    {
        var data = new float[w * h * frames];
        for (int i = 0; i < data.Length; i++) data[i] = i % 7;
        string path = Path.Combine(_dir, name);
        MrcFile.Write(path, new ImageStack(w, h, frames, data, StackKind.ImageStack, new VoxelSize(px, px, 0), new ImageMetadata()));
        return path;
    }

    [Fact]
    public void GroupsThreeFilesOneTripletStackAndLongStackInThrees()
    {
        var three = FocalSeriesInput.Read([Stack("a.mrc", 16, 16, 1), Stack("b.mrc", 16, 16, 1), Stack("c.mrc", 16, 16, 1)]);
        Assert.Single(three);
        Assert.Equal(0.2, three[0].PixelSizeAngstrom, 6);
        var series = FocalSeriesInput.Read([Stack("s.mrc", 16, 16, 9)]);
        Assert.Equal(3, series.Count);
        Assert.Equal("s.mrc[3-5]", series[1].Name);
        Assert.Equal(3 * 256 % 7, (int)series[1].Frames[0][0]);   // frame 3's first pixel
    }

    [Fact]
    public void RefusesMismatchedSizesPixelSizesAndCountsWithOneLine()
    {
        var size = Assert.Throws<TemKitFormatException>(() => FocalSeriesInput.Read([Stack("a.mrc", 16, 16, 1), Stack("b.mrc", 16, 20, 1), Stack("c.mrc", 16, 16, 1)]));
        Assert.Contains("b.mrc", size.Message);
        Assert.Contains("16x20", size.Message);
        var px = Assert.Throws<TemKitFormatException>(() => FocalSeriesInput.Read([Stack("a.mrc", 16, 16, 1), Stack("b.mrc", 16, 16, 1, 0.25), Stack("c.mrc", 16, 16, 1)]));
        Assert.Contains("pixel size", px.Message);
        var count = Assert.Throws<TemKitFormatException>(() => FocalSeriesInput.Read([Stack("s.mrc", 16, 16, 4)]));
        Assert.Contains("4 frames, not a multiple of 3", count.Message);
        foreach (var e in new[] { size, px, count }) Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void RefusesAModelWithoutThreeInputChannels()
    {
        var oneChannel = NetworkFactory.Create(new MsdNetParameters(Depth: 2, Classes: 4));
        var e = Assert.Throws<TemKitFormatException>(() => SpeciesRun.RequireFocalSeriesModel("m.tkm", oneChannel));
        Assert.Contains("takes 1 input channel", e.Message);
        var binary = NetworkFactory.Create(new MsdNetParameters(Depth: 2, Classes: 1, InputChannels: 3));
        Assert.Throws<TemKitFormatException>(() => SpeciesRun.RequireFocalSeriesModel("m.tkm", binary));
        SpeciesRun.RequireFocalSeriesModel("m.tkm", NetworkFactory.Create(new MsdNetParameters(Depth: 2, Classes: 4, InputChannels: 3)));
    }

    [Fact]
    public void AnUntrainedThreeChannelModelRunsEndToEndAndWritesTheReport()
    {
        string model = Path.Combine(_dir, "m.tkm");
        ModelFile.Save(model, NetworkFactory.Create(new MsdNetParameters(Depth: 2, Classes: 4, InputChannels: 3)));
        var result = SpeciesRun.Run(new SpeciesParameters([Stack("s.mrc", 32, 32, 6)], model, new SpeciesOptions()));
        Assert.Equal(2, result.Frames.Count);
        Assert.Equal(["background", "Mo", "S2", "S1"], result.ClassNames);
        string run = Path.Combine(_dir, "run");
        SpeciesRun.Write(run, result);
        foreach (var f in new[] { "columns.csv", "frames.csv", "overlay_0000.png", "overlay_0001.png", "vacancies.svg", "report.html" })
            Assert.True(File.Exists(Path.Combine(run, f)), f);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "frames.csv")).Length);
    }
}
