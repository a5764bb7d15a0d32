using TemKit.Detector;

namespace TemKit.Tests.Detector;

public class DetectorModelTests
{
    [Theory]
    [InlineData(1, 0.4, 0.6, 2.0, 3.0)]
    [InlineData(2, 0.4, 0.6, 1.0, 5.0)]
    [InlineData(3, 0.2, 0.3, 1.0, 5.0)]
    [InlineData(4, 0.25, 0.6, 2.0, 5.0)]
    [InlineData(5, 0.6, 0.8, 2.0, 5.0)]
    public void PresetsAreTable3(int model, double c0Lo, double c0Hi, double c3Lo, double c3Hi)
    {
        var range = DetectorModelRange.Preset(model);
        Assert.Equal((c0Lo, c0Hi, c3Lo, c3Hi), (range.C0Min, range.C0Max, range.C3Min, range.C3Max));
        Assert.Equal((0.005, 0.015), (range.ReadoutNoiseMinElectronsPerPixel, range.ReadoutNoiseMaxElectronsPerPixel));
        var centre = DetectorModel.Preset(model);
        Assert.Equal(0.5 * (c0Lo + c0Hi), centre.C0, 12);
        Assert.Equal(0.5 * (c3Lo + c3Hi), centre.C3, 12);
        Assert.Equal(0.01, centre.ReadoutNoiseElectronsPerPixel, 12);
        var rng = new Random(3);
        for (int i = 0; i < 200; i++)
        {
            var m = range.Draw(rng);
            Assert.InRange(m.C0, c0Lo, c0Hi);
            Assert.InRange(m.C3, c3Lo, c3Hi);
            Assert.InRange(m.ReadoutNoiseElectronsPerPixel, 0.005, 0.015);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void UnknownPresetIsRefused(int model)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DetectorModel.Preset(model));
        Assert.Contains("1..5", e.Message);
    }

    [Fact]
    public void MtfHasEq1Limits()
    {
        var m = new DetectorModel(C0: 0.3, C3: 2.5, C: 0.2);
        Assert.Equal(1.0, m.Mtf(0), 12);
        Assert.Equal(0.6, m.Mtf(0.3), 12); // half way between 1 and C at q~ = c0
        Assert.Equal(0.2, m.Mtf(1e6), 6);
        // Naive Eq. 1 at q~ = 0.8
        Assert.Equal(0.8 / (1 + Math.Pow(0.8 / 0.3, 2.5)) + 0.2, m.Mtf(0.8), 12);
        Assert.Equal(1.0, DetectorModel.Ideal.Mtf(1.0));
    }

    [Fact]
    public void ExpectedFloorIsEq2WhenDetectorFloorIsZero()
    {
        var m = new DetectorModel(ReadoutNoiseElectronsPerPixel: 0.01);
        Assert.Equal(Math.Sqrt(0.01 / 0.11), m.ExpectedFloor(0.1), 12);
    }

    [Fact]
    public void InvalidParametersAreNamed()
    {
        Assert.Contains("c0", Assert.Throws<ArgumentException>(() => new DetectorModel(C0: -1).Validate()).Message);
        Assert.Contains("N0", Assert.Throws<ArgumentException>(() => new DetectorModel(ReadoutNoiseElectronsPerPixel: -1).Validate()).Message);
        Assert.Contains("reversed", Assert.Throws<ArgumentException>(() => new DetectorModelRange(0.5, 0.4, 2, 3).Validate()).Message);
    }
}
