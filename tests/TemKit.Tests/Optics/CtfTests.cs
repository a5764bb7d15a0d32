using TemKit.Optics;

namespace TemKit.Tests.Optics;

public class CtfTests
{
    [Theory]
    [InlineData(300, 2.7, 0.07, 15000, 1)]
    [InlineData(200, 1.2, 0.1, 5000, 3)]
    [InlineData(300, 0.0, 0.0, 800, 2)]
    public void ValueVanishesAtComputedZeros(double kv, double cs, double w, double df, int n)
    {
        var ctf = new Ctf(new CtfParameters(kv, cs, w, df));
        double g = ctf.ZeroFrequency(n, 0);
        Assert.True(g > 0);
        Assert.Equal(0, ctf.Value(g, 0), 9);
        // Without Cs the zeros follow directly from π λ g² Δf = nπ − amplitude phase.
        if (cs == 0)
        {
            double lambda = ElectronOptics.WavelengthAngstrom(kv);
            Assert.Equal(Math.Sqrt(n / (lambda * df)), g, 9);
        }
    }

    [Fact]
    public void AstigmaticDefocusFollowsTheDefocus1Axis()
    {
        var ctf = new Ctf(new CtfParameters(300, 2.7, 0.07, 20000, 18000, 30));
        Assert.Equal(20000, ctf.DefocusAt(30 * Math.PI / 180), 6);
        Assert.Equal(18000, ctf.DefocusAt(120 * Math.PI / 180), 6);
        Assert.Equal(19000, ctf.DefocusAt(75 * Math.PI / 180), 6);
    }

    [Fact]
    public void UnderfocusGivesNegativeCtfAtLowFrequencyWithoutAmplitudeContrast()
    {
        // chi > 0 for small g in underfocus, so CTF = -sin(chi) < 0: dark atoms on a bright background (weak phase).
        var ctf = new Ctf(new CtfParameters(300, 2.7, 0, 10000));
        Assert.True(ctf.Value(0.01, 0) < 0);
    }
}
