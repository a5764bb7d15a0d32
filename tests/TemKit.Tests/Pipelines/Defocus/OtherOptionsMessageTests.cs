using TemKit.Pipelines.Defocus;

namespace TemKit.Tests.Pipelines.Defocus;

/// <summary>A run folder made with other options is refused naming the options that differ, so the user can give them.</summary>
public sealed class OtherOptionsMessageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tk-otheropts").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheRefusalNamesEachDifferentOption()
    {
        var folder = RunFolder.At(_dir);
        var saved = new DefocusRunOptions { SmoothingSigmaPx = 2, Optics = new DefocusRunOptions().Optics with { VoltageKilovolts = 200 } };
        folder.SaveOptions(saved);
        var e = Assert.Throws<InvalidOperationException>(() => new DefocusRun(folder, new DefocusRunOptions(), 1).Run([]));
        Assert.Equal($"{folder.Root} holds a run made with other options ({folder.OptionsPath}: Optics.VoltageKilovolts 200 there, 300 now; "
            + "SmoothingSigmaPx 2 there, 1.5 now); use a new output folder, or the same options", e.Message);
    }
}
