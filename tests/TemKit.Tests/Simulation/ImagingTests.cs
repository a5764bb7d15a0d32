using TemKit.Fourier;
using TemKit.Optics;
using TemKit.Simulation.Transfer;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class ImagingTests
{
    [Fact]
    public void CtfZerosOfAThinAmorphousFilmFallWhereTheoryPutsThem()
    {
        // 5 Å of amorphous carbon (random positions, 0.1 atoms/Å³) in one slice: a weak phase object, whose image power
        // spectrum is |V(k)|² sin² χ(k) (Cs = 0: smooth times the CTF's square), so its minima sit on the CTF zeros.
        const int n = 512;
        const double px = 0.1, defocus = 500, sliceThickness = 5;
        var grid = new SimulationGrid(n, n, px);
        var rng = new Random(11);
        int atomsCount = (int)(0.1 * grid.CellXAngstrom * grid.CellYAngstrom * sliceThickness);
        var atoms = new Atom[atomsCount];
        for (int i = 0; i < atoms.Length; i++) atoms[i] = new Atom(6, rng.NextDouble() * grid.CellXAngstrom, rng.NextDouble() * grid.CellYAngstrom, rng.NextDouble() * sliceThickness);
        var sliced = PotentialSlicer.Build(atoms, grid, new PotentialParameters(SliceThicknessAngstrom: sliceThickness));
        Assert.Equal(1, sliced.Count);
        var wave = MultisliceSimulator.Run(sliced, new MultisliceParameters());
        var image = new WaveImager(wave).Intensity(new ImagingParameters(DefocusAngstrom: defocus, CsMillimetres: 0, FocalSpreadAngstrom: 0, ConvergenceSemiAngleMilliradians: 0, BlurAngstrom: 0));

        int h = n / 2 + 1;
        var spectrum = new ComplexF[h * n];
        Fft.Default.ForwardReal(image.Pixels, spectrum, n, n);
        var power = new double[n / 2];
        var counts = new int[n / 2];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < h; i++)
            {
                int ky = FftShift.SignedIndex(j, n);
                int bin = (int)Math.Round(Math.Sqrt(i * i + ky * ky));
                if (bin == 0 || bin >= n / 2) continue;
                power[bin] += spectrum[j * h + i].MagnitudeSquared;
                counts[bin]++;
            }
        for (int b = 1; b < power.Length; b++) power[b] /= Math.Max(1, counts[b]);

        // The exit wave lies one slice (5 Å) below the atoms, so the atoms are imaged at defocus Δf − Δz.
        var ctf = new Ctf(new CtfParameters(300, 0, 0, defocus - sliceThickness));
        double dk = 1 / (n * px);
        var zeroBins = Enumerable.Range(1, 6).Select(z => ctf.ZeroFrequency(z, 0) / dk).ToArray();
        int matched = 0;
        for (int z = 0; z < 5; z++)
        {
            int expected = (int)Math.Round(zeroBins[z]);
            // The lowest bin within ±1 of the predicted zero is a deep minimum: below 30 % of the Thon-ring maxima on
            // either side (between this zero and its neighbours).
            int best = expected;
            for (int b = expected - 1; b <= expected + 1; b++) if (power[b] < power[best]) best = b;
            int previous = z == 0 ? 4 : (int)Math.Round(zeroBins[z - 1]);
            double ringBelow = Max(power, previous + 1, expected - 1), ringAbove = Max(power, expected + 1, (int)Math.Round(zeroBins[z + 1]) - 1);
            Assert.True(power[best] < 0.3 * Math.Min(ringBelow, ringAbove), $"zero {z + 1} near bin {zeroBins[z]:F1}: power {power[best]:G3}, rings {ringBelow:G3} and {ringAbove:G3}");
            Assert.True(power[best] <= power[best - 1] && power[best] <= power[best + 1], $"zero {z + 1}: bin {best} is not a local minimum");
            matched++;
        }
        Assert.Equal(5, matched);
    }

    private static double Max(double[] v, int from, int to)
    {
        double m = double.NegativeInfinity;
        for (int i = from; i <= to; i++) m = Math.Max(m, v[i]);
        return m;
    }

    [Fact]
    public void EnvelopesFollowTheirFormulas()
    {
        // Temporal: |H| = exp(−½ (πλΔ)² k⁴); spatial with Cs = 0: exp(−(α/2λ)² (2πλ k Δf)²).
        var grid = new SimulationGrid(64, 64, 0.1);
        var imager = new WaveImager(new ExitWave(grid, 300, MultisliceTests.RandomBandLimitedWave(grid, 3)));
        var h = new ComplexF[64 * 64];
        double lambda = ElectronOptics.WavelengthAngstrom(300);
        imager.TransferFunction(new ImagingParameters(DefocusAngstrom: 300, CsMillimetres: 0, FocalSpreadAngstrom: 30, ConvergenceSemiAngleMilliradians: 0, BlurAngstrom: 0), h);
        double k = 10 / 6.4;   // bin (10, 0)
        Assert.Equal(Math.Exp(-0.5 * Math.Pow(Math.PI * lambda * 30, 2) * Math.Pow(k, 4)), h[10].Magnitude, 1e-5);
        imager.TransferFunction(new ImagingParameters(DefocusAngstrom: 300, CsMillimetres: 0, FocalSpreadAngstrom: 0, ConvergenceSemiAngleMilliradians: 1, BlurAngstrom: 0), h);
        double grad = 2 * Math.PI * lambda * k * 300;
        Assert.Equal(Math.Exp(-Math.Pow(1e-3 / (2 * lambda), 2) * grad * grad), h[10].Magnitude, 1e-5);
        // Phase: +χ of the CTFFIND model.
        var ctf = new Ctf(new CtfParameters(300, 0, 0, 300));
        Assert.Equal(Math.IEEERemainder(ctf.ChiRadians(k, 0), 2 * Math.PI), h[10].Phase, 1e-4);
    }

    [Fact]
    public void AstigmatismRotatesWithItsAngle()
    {
        // Δf1 along the astigmatism axis: χ at azimuth θ_ast uses Δf + A/2, perpendicular Δf − A/2.
        var grid = new SimulationGrid(64, 64, 0.1);
        var imager = new WaveImager(new ExitWave(grid, 300, MultisliceTests.RandomBandLimitedWave(grid, 4)));
        var h = new ComplexF[64 * 64];
        imager.TransferFunction(new ImagingParameters(DefocusAngstrom: 100, CsMillimetres: 0, AstigmatismAngstrom: 40, AstigmatismAngleDegrees: 90, FocalSpreadAngstrom: 0, ConvergenceSemiAngleMilliradians: 0, BlurAngstrom: 0), h);
        double lambda = ElectronOptics.WavelengthAngstrom(300), k = 5 / 6.4;
        Assert.Equal(Math.IEEERemainder(Math.PI * lambda * k * k * 120, 2 * Math.PI), h[5 * 64].Phase, 1e-4);  // along +y
        Assert.Equal(Math.IEEERemainder(Math.PI * lambda * k * k * 80, 2 * Math.PI), h[5].Phase, 1e-4);       // along +x
    }

    [Fact]
    public void SpatialEnvelopeUsesTheGradientOfChiWithAstigmatism()
    {
        // |H| = exp(−(α/2λ)² |∇χ|²) with ∇χ taken by central differences of Ctf.ChiRadians in kx and ky.
        var grid = new SimulationGrid(64, 64, 0.1);
        var imager = new WaveImager(new ExitWave(grid, 300, MultisliceTests.RandomBandLimitedWave(grid, 5)));
        var p = new ImagingParameters(DefocusAngstrom: 150, CsMillimetres: 0.5, AstigmatismAngstrom: 60, AstigmatismAngleDegrees: 30, FocalSpreadAngstrom: 0, ConvergenceSemiAngleMilliradians: 0.3, BlurAngstrom: 0);
        var h = new ComplexF[64 * 64];
        imager.TransferFunction(p, h);
        var ctf = imager.CtfFor(p);
        double lambda = ElectronOptics.WavelengthAngstrom(300);
        double Chi(double kx, double ky) => ctf.ChiRadians(Math.Sqrt(kx * kx + ky * ky), Math.Atan2(ky, kx));
        double strongest = 1;
        foreach (var (i, j) in new[] { (3, 1), (-2, 4), (5, -2), (1, -5) })
        {
            double kx = i / 6.4, ky = j / 6.4, e = 1e-6;
            double gx = (Chi(kx + e, ky) - Chi(kx - e, ky)) / (2 * e), gy = (Chi(kx, ky + e) - Chi(kx, ky - e)) / (2 * e);
            double expected = Math.Exp(-Math.Pow(0.3e-3 / (2 * lambda), 2) * (gx * gx + gy * gy));
            strongest = Math.Min(strongest, expected);
            var value = h[((j + 64) % 64) * 64 + (i + 64) % 64];
            Assert.Equal(expected, value.Magnitude, 1e-4);
            Assert.Equal(Math.IEEERemainder(Chi(kx, ky), 2 * Math.PI), value.Phase, 1e-3);
        }
        Assert.InRange(strongest, 0.05, 0.7);   // at least one bin is damped strongly enough to test the formula
    }

    [Fact]
    public void GaussianBlurMatchesADirectConvolution()
    {
        const int n = 32;
        const double px = 0.1, sigma = 0.25;
        var pixels = new float[n * n];
        pixels[10 * n + 7] = 1;
        WaveImager.GaussianBlur(pixels, n, n, px, sigma);
        double norm = 0;
        for (int dy = -n / 2; dy < n / 2; dy++)
            for (int dx = -n / 2; dx < n / 2; dx++)
                norm += Math.Exp(-(dx * dx + dy * dy) * px * px / (2 * sigma * sigma));
        for (int dy = -3; dy <= 3; dy++)
            for (int dx = -3; dx <= 3; dx++)
            {
                double expected = Math.Exp(-(dx * dx + dy * dy) * px * px / (2 * sigma * sigma)) / norm;
                Assert.Equal(expected, pixels[(10 + dy) * n + 7 + dx], 2e-4);
            }
        Assert.Equal(1.0, pixels.Sum(), 1e-4);
    }
}
