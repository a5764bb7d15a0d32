using System.Globalization;
using TemKit.Cli;
using TemKit.Detector;
using TemKit.Pipelines.Detector;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.Detector;

/// <summary>The detector workflow as library jobs: simulate a vacuum dose series, fit every frame, fit N0 (SOI Eq. 2).</summary>
[Collection("cli")]
public sealed class MtfRunTests
{
    private static DetectorSeriesResult Series() =>
        DetectorSeries.SimulateVacuum(256, 6, new DoseSchedule(10, 1300), 0.05, DetectorModelRange.Fixed(new DetectorModel(0.25, 2.5, 0, 0.01)), seed: 1);

    [Theory]
    [InlineData(SpectrumKind.Amplitude)]
    [InlineData(SpectrumKind.Power)]
    public void JobsRecoverTheTrueReadoutNoise(SpectrumKind kind)
    {
        using var dir = new TempFolder();
        var series = Series();
        Assert.Equal(10.0, series.Truth[0].DoseElectronsPerAngstrom2, 9);
        Assert.Equal(1300.0, series.Truth[5].DoseElectronsPerAngstrom2, 9);
        series.Write(dir["vac.mrc"]);
        var run = new MtfRun(dir["run"], new MtfRunOptions(new MtfAnalysisOptions(Spectrum: kind), Plots: false));
        var frames = run.Run([dir["vac.mrc"]]);
        Assert.Equal(6, frames.Passed);
        var readout = run.FitSeries(frames).Readout;
        Assert.InRange(readout.ReadoutNoiseElectronsPerPixel, 0.0085, 0.0115);
    }

    [Fact]
    public void CliWritesWhatTheJobsReturn()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, Program.Main(["noise", "simulate", "-o", dir["cli.mrc"], "--frames", "6", "--size", "256", "--c0", "0.25", "--c3", "2.5",
            "--n0", "0.01", "--dose-e-per-A2", "10:1300", "--pixel-size", "0.05"]));
        var cliStack = TemKit.IO.Mrc.MrcFile.Read(dir["cli.mrc"]);
        var libStack = Series().Stack;
        for (int z = 0; z < 6; z++) Assert.True(cliStack.Frame(z).SequenceEqual(libStack.Frame(z)), $"frame {z} differs");
        Assert.Equal(0, Program.Main(["mtf", "series", dir["cli.mrc"], "-o", dir["cli-run"], "--spectrum", "power", "--no-plots"]));
        var run = new MtfRun(dir["lib-run"], new MtfRunOptions(new MtfAnalysisOptions(Spectrum: SpectrumKind.Power), Plots: false));
        var n0 = run.FitSeries(run.Run([dir["cli.mrc"]])).Readout.ReadoutNoiseElectronsPerPixel;
        string cli = File.ReadAllLines(dir["cli-run/readout.csv"])[1].Split(',')[0];
        Assert.Equal(n0, double.Parse(cli, CultureInfo.InvariantCulture));
    }
}
