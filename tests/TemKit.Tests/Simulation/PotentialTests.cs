using TemKit.Fourier;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class PotentialTests
{
    [Fact]
    public void TableHoldsTheBookValues()
    {
        // H: a1 = 4.20298324e-3, d1 = 4.38854001 (Kirkland 2010, Appendix C); fe(0) of H ≈ 0.529 Å (a0) within 2 %.
        var h = KirklandPotential.For(1);
        Assert.InRange(h.ScatteringFactorAngstrom(0), 0.52, 0.54);
        var au = KirklandPotential.For(79);
        Assert.True(au.ScatteringFactorAngstrom(0) > h.ScatteringFactorAngstrom(0) * 10);
        Assert.True(au.ScatteringFactorAngstrom(1) < au.ScatteringFactorAngstrom(0.1));
    }

    [Theory]
    [InlineData(6, 0.1)]
    [InlineData(8, 0.3)]
    [InlineData(58, 0.05)]
    [InlineData(79, 0.2)]
    [InlineData(79, 1.0)]
    public void ProjectedPotentialIsTheIntegralOfThe3DPotential(int z, double r)
    {
        // Eq. C.19 against direct quadrature of Eq. C.17 along the beam: z = r sinh(u), dz = r cosh(u) du.
        var p = KirklandPotential.For(z);
        double sum = 0, du = 1e-3;
        for (double u = du / 2; u < 25; u += du)
        {
            double zz = r * Math.Sinh(u);
            sum += p.PotentialVolt(Math.Sqrt(r * r + zz * zz)) * r * Math.Cosh(u) * du;
        }
        Assert.Equal(2 * sum, p.ProjectedVoltAngstrom(r), 2 * sum * 1e-4);
    }

    [Fact]
    public void SingleAtomOnTheGridMatchesTheAnalyticFormAtItsSubPixelPosition()
    {
        var grid = new SimulationGrid(128, 128, 0.1);
        var parameters = new PotentialParameters(CutoffAngstrom: 4);
        var atom = new Atom(79, 6.437, 5.871, 0.3);
        var sliced = PotentialSlicer.Build([atom], grid, parameters);
        Assert.Equal(1, sliced.Count);
        var v = sliced.Slices[0];
        var au = KirklandPotential.For(79);
        double shift = au.ProjectedVoltAngstrom(4);
        int checkedPixels = 0;
        for (int j = 0; j < 128; j++)
            for (int i = 0; i < 128; i++)
            {
                double r = Math.Sqrt(Math.Pow(i * 0.1 - atom.XAngstrom, 2) + Math.Pow(j * 0.1 - atom.YAngstrom, 2));
                if (r < 0.2 || r > 3.9) continue;
                double expected = au.ProjectedVoltAngstrom(r) - shift;
                Assert.Equal(expected, v[j * 128 + i], Math.Max(1e-3 * expected, 1e-4));
                checkedPixels++;
            }
        Assert.True(checkedPixels > 4000);
    }

    [Fact]
    public void PotentialIntegralAndSpectrumMatchTheScatteringFactor()
    {
        // ∫ v_z d²r = 2π a0 e fe(0), and the grid's Fourier transform at q is 2π a0 e fe(q) exp(−2πi q·r0) (Eq. C.14).
        double px = 0.08;
        int n = 256;
        var grid = new SimulationGrid(n, n, px);
        var atom = new Atom(79, 10.123, 9.871, 0);
        var sliced = PotentialSlicer.Build([atom], grid, new PotentialParameters(CutoffAngstrom: 9));
        var v = sliced.Slices[0];
        var au = KirklandPotential.For(79);
        double integral = v.Sum(x => (double)x) * px * px;
        Assert.Equal(au.VolumeIntegralVoltAngstrom3, integral, au.VolumeIntegralVoltAngstrom3 * 0.01);

        var spectrum = new ComplexF[n * n];
        Fft.Default.ForwardReal(v, spectrum.AsSpan(0, (n / 2 + 1) * n), n, n);
        int h = n / 2 + 1;
        double a0e = KirklandPotential.BohrRadiusAngstrom * KirklandPotential.ElementaryChargeVoltAngstrom;
        foreach (var (kx, ky) in new[] { (3, 0), (0, 5), (7, 4), (12, -9), (20, 11) })
        {
            double qx = kx / (n * px), qy = ky / (n * px), q = Math.Sqrt(qx * qx + qy * qy);
            var s = spectrum[(ky < 0 ? ky + n : ky) * h + kx];
            double re = s.Re * px * px, im = s.Im * px * px;
            double amplitude = 2 * Math.PI * a0e * au.ScatteringFactorAngstrom(q);
            double phase = -2 * Math.PI * (qx * atom.XAngstrom + qy * atom.YAngstrom);
            Assert.Equal(amplitude * Math.Cos(phase), re, amplitude * 0.02);
            Assert.Equal(amplitude * Math.Sin(phase), im, amplitude * 0.02);
        }
    }

    [Fact]
    public void AtomsGoToTheSliceHoldingTheirDepth()
    {
        var grid = new SimulationGrid(32, 32, 0.2);
        var sliced = PotentialSlicer.Build([new Atom(6, 3, 3, 0.5), new Atom(6, 3, 3, 4.9)], grid, new PotentialParameters(SliceThicknessAngstrom: 2));
        Assert.Equal(3, sliced.Count);
        Assert.True(sliced.Slices[0].Sum() > 0);
        Assert.Equal(0, sliced.Slices[1].Sum());
        Assert.Equal(sliced.Slices[0].Sum(), sliced.Slices[2].Sum(), 3);
        Assert.Throws<ArgumentException>(() => PotentialSlicer.Build([new Atom(6, 3, 3, -1)], grid, new PotentialParameters()));
    }
}
