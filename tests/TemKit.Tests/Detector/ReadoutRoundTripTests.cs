using TemKit.Detector;

namespace TemKit.Tests.Detector;

/// <summary>
/// The library round trip without the CLI: simulate a vacuum dose series through a detector with known N0, fit every
/// frame, fit N0 (SOI Eq. 2). Same series and tolerance as the CLI test
/// (<see cref="DetectorCliTests.SimulateThenSeriesRecoversReadoutNoise"/>), for both spectrum kinds.
/// </summary>
public class ReadoutRoundTripTests
{
    [Theory]
    [InlineData(SpectrumKind.Amplitude)]
    [InlineData(SpectrumKind.Power)]
    public void VacuumSeriesGivesTrueReadoutNoise(SpectrumKind kind)
    {
        const double n0 = 0.01, pixelSizeAngstrom = 0.05;
        var model = new DetectorModel(0.25, 2.5, 0, n0);
        var rng = new Random(1);
        var frames = new List<FrameAnalysis>();
        for (int z = 0; z < 6; z++)
        {
            double perA2 = Math.Exp(Math.Log(10) + z / 5.0 * (Math.Log(1300) - Math.Log(10)));
            var frame = DetectorSimulator.Vacuum(256, 256, perA2 * pixelSizeAngstrom * pixelSizeAngstrom, model, rng);
            frames.Add(MtfAnalysis.Analyse(frame, new MtfAnalysisOptions(Spectrum: kind)));
        }
        Assert.All(frames, f => Assert.True(f.Ok, f.Message));
        var readout = ReadoutNoiseFit.Fit(frames);
        Assert.Equal(6, readout.Frames);
        Assert.InRange(readout.ReadoutNoiseElectronsPerPixel, 0.85 * n0, 1.15 * n0);
    }
}
