using TemKit.Detector;
using TemKit.Optics;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Mesoscale;

namespace TemKit.Tests.Simulation;

/// <summary>Mesoscale phase-object fields: geometry, and the image against weak-phase-object theory written here.</summary>
public class MesoscaleTests
{
    // Textbook 300 kV wavelength (Å) and interaction constant (rad/(V·Å)), Kirkland Table 2.2 / Eq. 5.6.
    private const double Lambda300 = 0.019687;
    private const double Sigma300 = 6.526e-4;

    private static MesoscaleSpecimenParameters Only(PhaseObjectKind? kind, double amorphousRms = 0) => new()
    {
        FibreCount = ParameterRange.Fixed(kind == PhaseObjectKind.Fibre ? 1 : 0),
        VesicleCount = ParameterRange.Fixed(kind == PhaseObjectKind.Vesicle ? 1 : 0),
        SphereCount = ParameterRange.Fixed(kind == PhaseObjectKind.Sphere ? 1 : 0),
        AmorphousThicknessRmsAngstrom = amorphousRms,
    };

    [Fact]
    public void ProjectedThicknessIsTheChordOfEachShape()
    {
        var sphere = new PhaseObject(PhaseObjectKind.Sphere, 0, 0, 50);
        Assert.Equal(100, sphere.ThicknessAngstrom(0, 0), 9);
        Assert.Equal(2 * Math.Sqrt(50 * 50 - 30 * 30), sphere.ThicknessAngstrom(30, 0), 9);
        Assert.Equal(0, sphere.ThicknessAngstrom(51, 0));
        var vesicle = new PhaseObject(PhaseObjectKind.Vesicle, 0, 0, 100, InnerRadiusAngstrom: 60);
        Assert.Equal(80, vesicle.ThicknessAngstrom(0, 0), 9);                         // two membranes of 40 Å
        Assert.Equal(2 * Math.Sqrt(100 * 100 - 80 * 80), vesicle.ThicknessAngstrom(0, 80), 9);
        Assert.True(vesicle.Covers(0, 0));
        var fibre = new PhaseObject(PhaseObjectKind.Fibre, 0, 0, 20, LengthAngstrom: 200, AngleDegrees: 90);
        Assert.Equal(40, fibre.ThicknessAngstrom(0, 90), 9);                          // on the axis (along y)
        Assert.Equal(0, fibre.ThicknessAngstrom(25, 0));
        Assert.Equal(2 * Math.Sqrt(400 - 100), fibre.ThicknessAngstrom(0, 110), 9);   // in the end cap
    }

    [Fact]
    public void MaskAndPhaseOfOneSphereMatchItsGeometry()
    {
        var s = MesoscaleSpecimen.Draw(Only(PhaseObjectKind.Sphere), 128, 2, 300, new Random(3));
        var o = Assert.Single(s.Objects);
        double area = Math.PI * o.RadiusAngstrom * o.RadiusAngstrom / (2.0 * 2.0);
        Assert.InRange(s.Mask.Sum(), area * 0.97, area * 1.03);
        // Peak phase σ (V_obj − V_med) 2R within the sampling of the centre.
        double peak = Sigma300 * (7 - 4.5) * 2 * o.RadiusAngstrom;
        Assert.InRange(s.PhaseRadians.Max(), peak * 0.98, peak * 1.001);
    }

    [Fact]
    public void WeakObjectImageIsOnePlusTwoCtfTimesPhase()
    {
        // Linear (weak-phase-object) image theory: I = 1 + 2 F⁻¹[CTF(g) Φ(g)], CTF = −sin(χ + arctan η), computed by a
        // naive DFT with χ = πλΔf g² − (π/2) Cs λ³ g⁴ written here; no envelopes, no noise.
        int n = 32;
        double px = 4, df = 15000, cs = 2.7e7, w = 0.07;
        var specimen = Only(PhaseObjectKind.Vesicle) with { ObjectPotentialVolts = 4.7, VesicleRadiusAngstrom = new(30, 40), MembraneThicknessAngstrom = new(10, 12) };
        var s = MesoscaleSpecimen.Draw(specimen, n, px, 300, new Random(5));
        var imaging = new MesoscaleImaging { DefocusAngstrom = df, FocalSpreadAngstrom = 0, ConvergenceSemiAngleMilliradians = 0 };
        var field = MesoscaleField.Image(s, imaging, new Random(1));
        double ampPhase = Math.Atan(w / Math.Sqrt(1 - w * w));
        var expected = new double[n * n];
        var re = new double[n * n];
        var im = new double[n * n];
        for (int v = 0; v < n; v++)
            for (int u = 0; u < n; u++)
            {
                double sr = 0, si = 0;
                for (int y = 0; y < n; y++)
                    for (int x = 0; x < n; x++)
                    {
                        double a = -2 * Math.PI * ((double)u * x / n + (double)v * y / n);
                        sr += s.PhaseRadians[y * n + x] * Math.Cos(a);
                        si += s.PhaseRadians[y * n + x] * Math.Sin(a);
                    }
                double gx = (u <= n / 2 ? u : u - n) / (n * px), gy = (v <= n / 2 ? v : v - n) / (n * px);
                double g2 = gx * gx + gy * gy;
                double chi = Math.PI * Lambda300 * df * g2 - 0.5 * Math.PI * cs * Math.Pow(Lambda300, 3) * g2 * g2;
                double ctf = u == 0 && v == 0 ? 0 : -Math.Sin(chi + ampPhase);
                re[v * n + u] = 2 * ctf * sr;
                im[v * n + u] = 2 * ctf * si;
            }
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                double sum = 0;
                for (int v = 0; v < n; v++)
                    for (int u = 0; u < n; u++)
                    {
                        double a = 2 * Math.PI * ((double)u * x / n + (double)v * y / n);
                        sum += re[v * n + u] * Math.Cos(a) - im[v * n + u] * Math.Sin(a);
                    }
                expected[y * n + x] = sum / (n * n);
            }
        var actual = field.Intensity.Pixels.ToArray().Select(p => (double)p).ToArray();
        double mean = actual.Average();
        var contrast = actual.Select(p => p - mean).ToArray();
        Assert.True(Pearson(contrast, expected) > 0.99, $"correlation {Pearson(contrast, expected):F4}");
        double ratio = Math.Sqrt(contrast.Sum(c => c * c) / expected.Sum(e => e * e));
        Assert.InRange(ratio, 0.95, 1.05);
    }

    [Fact]
    public void SmallObjectIsDarkUnderfocusAndBrightOverfocus()
    {
        // A sphere of radius 25 Å at ±3 µm: χ ≈ ±0.3 rad at its main frequencies, more than the amplitude-contrast phase
        // (0.07 rad), so the sign of −sin(χ + 0.07) and of the contrast follows the sign of the defocus. (A large object
        // at small defocus stays dark either side of focus: there |χ| < 0.07 rad and amplitude contrast wins.)
        var s = MesoscaleSpecimen.Draw(Only(PhaseObjectKind.Sphere) with { SphereRadiusAngstrom = new(25, 25) }, 64, 2, 300, new Random(2));
        double Contrast(double df)
        {
            var f = MesoscaleField.Image(s, new MesoscaleImaging { DefocusAngstrom = df }, new Random(1));
            var p = f.Intensity.Pixels.ToArray();
            double inside = 0, outside = 0; int nin = 0;
            for (int i = 0; i < p.Length; i++)
                if (s.Mask[i] > 0) { inside += p[i]; nin++; } else outside += p[i];
            return inside / nin - outside / (p.Length - nin);
        }
        double under = Contrast(30000), over = Contrast(-30000);
        Assert.True(under < -0.005, $"underfocus contrast {under:F4}");
        Assert.True(over > 0.005, $"overfocus contrast {over:F4}");
    }

    [Theory]
    [InlineData(15000.0)]
    [InlineData(40000.0)]
    public void ThonRingsOfTheAmorphousFilmSitAtTheCtfZeros(double df)
    {
        // Amorphous film only, noise-free: the rotational average of |FFT(I)|² has its first minimum where
        // πλΔf g² − (π/2)Csλ³g⁴ + arctan η = π (here solved ignoring Cs, which moves it by < 0.2 % at these defoci).
        int n = 256;
        double px = 2;
        var s = MesoscaleSpecimen.Draw(Only(null, amorphousRms: 10), n, px, 300, new Random(11));
        var f = MesoscaleField.Image(s, new MesoscaleImaging { DefocusAngstrom = df, FocalSpreadAngstrom = 0, ConvergenceSemiAngleMilliradians = 0 }, new Random(1));
        var profile = RadialPower(f.Intensity.Pixels.ToArray(), n);
        double ampPhase = Math.Atan(0.07 / Math.Sqrt(1 - 0.07 * 0.07));
        double g1 = Math.Sqrt((Math.PI - ampPhase) / (Math.PI * Lambda300 * df));
        int expectedBin = (int)Math.Round(g1 * n * px);
        int lo = (int)(expectedBin * 0.6), hi = (int)(expectedBin * 1.4);
        int min = Enumerable.Range(lo, hi - lo + 1).MinBy(b => profile[b]);
        Assert.InRange(min, expectedBin - 1, expectedBin + 1);
    }

    [Fact]
    public void DetectedFrameCarriesTheDose()
    {
        var f = MesoscaleField.Simulate(MesoscaleSpecimenParameters.Default, 64, 4, new MesoscaleImaging { DoseElectronsPerAngstrom2 = 20, Detector = DetectorModel.Ideal }, new Random(4));
        double mean = f.Detected.Pixels.ToArray().Average();
        Assert.InRange(mean, 20 * 16 * 0.98, 20 * 16 * 1.02);
        Assert.Equal(20000, f.Detected.Metadata.DefocusAngstrom);
    }

    private static double[] RadialPower(float[] image, int n)
    {
        var spectrum = new TemKit.Fourier.ComplexF[n * (n / 2 + 1)];
        double mean = image.Average();
        TemKit.Fourier.Fft.Default.ForwardReal(image.Select(p => (float)(p - mean)).ToArray(), spectrum, n, n);
        var sum = new double[n];
        var count = new int[n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i <= n / 2; i++)
            {
                int ky = j <= n / 2 ? j : j - n;
                int r = (int)Math.Round(Math.Sqrt(i * i + ky * ky));
                if (r >= n) continue;
                sum[r] += spectrum[j * (n / 2 + 1) + i].MagnitudeSquared;
                count[r]++;
            }
        return sum.Select((v, r) => count[r] > 0 ? v / count[r] : 0).ToArray();
    }

    internal static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }
}
