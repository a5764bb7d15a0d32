using System.Text.Json;
using TemKit.Optics;
using TemKit.Pipelines.Defocus;
using Xunit;

namespace TemKit.Tests.Pipelines.Defocus;

/// <summary>run.json keeps the microscope constants as one <see cref="ElectronOptics"/> record and still reads the flat
/// "VoltageKilovolts"/"CsMillimetres"/"AmplitudeContrast" of run folders written by TemKit before that change.</summary>
public sealed class RunOptionsFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "temkit-runopts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    [Fact]
    public void Options_round_trip_with_the_optics_record()
    {
        var folder = RunFolder.At(_root);
        var options = new DefocusRunOptions { Optics = new ElectronOptics(200, 1.2, 0.1), TileSizePx = 256 };
        folder.SaveOptions(options);
        var text = File.ReadAllText(folder.OptionsPath);
        using var doc = JsonDocument.Parse(text);
        Assert.False(doc.RootElement.TryGetProperty("VoltageKilovolts", out _));
        Assert.Equal(200, doc.RootElement.GetProperty("Optics").GetProperty("VoltageKilovolts").GetDouble());
        Assert.Equal(options, folder.LoadOptions());
    }

    [Fact]
    public void Run_json_from_before_the_optics_record_still_loads()
    {
        Directory.CreateDirectory(_root);
        var folder = RunFolder.At(_root);
        File.WriteAllText(folder.OptionsPath, """
            {
              "VoltageKilovolts": 200,
              "CsMillimetres": 1.4,
              "AmplitudeContrast": 0.1,
              "PixelSizeAngstrom": null,
              "TileSizePx": 384,
              "MinDefocusAngstrom": 2000
            }
            """);
        var loaded = folder.LoadOptions()!;
        Assert.Equal(new ElectronOptics(200, 1.4, 0.1), loaded.Optics);
        Assert.Equal(384, loaded.TileSizePx);
        Assert.Equal(2000, loaded.MinDefocusAngstrom);
        Assert.Equal(new ElectronOptics(200, 1.4, 0.1), loaded.ToFitOptions().Optics);
    }
}
