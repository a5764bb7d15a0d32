using TemKit.Pipelines.Defocus;

namespace TemKit.Tests.Pipelines.Defocus;

/// <summary>A micrograph whose file records another voltage than the one the CTF is fitted at is pointed out (the
/// defocus scales with the wavelength: 300 kV instead of 200 kV changes it by about a quarter).</summary>
public sealed class VoltageWarningTests
{
    [SkippableFact]
    public void ARealDmFileAt200KvFittedAt300KvIsWarnedAbout()
    {
        SharedData.EnsureAvailable();
        string file = SharedData.File("dm", "2D_test_STEM_image.dm3");
        var warnings = new List<string>();
        var analyzer = new DefocusAnalyzer(new DefocusRunOptions(), figuresFolder: null) { Warning = warnings.Add };
        analyzer.Analyse(file);
        Assert.Equal(["2D_test_STEM_image.dm3: the file records 200 kV, but the CTF is fitted at 300 kV; the defocus is right only if 300 kV is (give the voltage the micrographs were taken at)"], warnings);

        warnings.Clear();
        var at200 = new DefocusRunOptions { Optics = new DefocusRunOptions().Optics with { VoltageKilovolts = 200 } };
        new DefocusAnalyzer(at200, figuresFolder: null) { Warning = warnings.Add }.Analyse(file);
        Assert.Empty(warnings);
    }
}
