using TemKit.Optics;

namespace TemKit.Tests.Optics;

public class ElectronOpticsTests
{
    [Theory]
    [InlineData(100, 0.037013)]
    [InlineData(200, 0.025079)]
    [InlineData(300, 0.019687)]
    public void WavelengthMatchesTabulatedValues(double kv, double expectedAngstrom)
    {
        Assert.Equal(expectedAngstrom, ElectronOptics.WavelengthAngstrom(kv), 5);
    }

    [Fact]
    public void InteractionConstantAt300kVMatchesKirkland()
    {
        // Kirkland (2010) Table 5.1 lists sigma = 0.00065262 rad/(V·Å) at 300 kV.
        Assert.Equal(6.5262e-4, ElectronOptics.InteractionConstantRadPerVoltAngstrom(300), 7);
    }
}
