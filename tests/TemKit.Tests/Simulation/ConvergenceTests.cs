using TemKit.Fourier;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class ConvergenceTests
{
    // A 44-atom Au octahedron tilted off its cube axis (so that its atoms sit at many depths), centred in a 12.8 Å cell.
    private static Atom[] Cluster()
    {
        var tilt = Matrix3.Rotation(1, 0.6, 0, 19 * Math.PI / 180);
        return [.. Clusters.Octahedron(79, 4, 0, 4.078 / Math.Sqrt(2)).Select(a => a.Rotated(tilt).Translated(6.43, 6.37, 7.1))];
    }

    private static ComplexF[] ExitWave(double px, double dz)
    {
        int n = (int)Math.Round(12.8 / px);
        var grid = new SimulationGrid(n, n, px);
        return MultisliceSimulator.Run(PotentialSlicer.Build(Cluster(), grid, new PotentialParameters(SliceThicknessAngstrom: dz), sliceCount: (int)Math.Ceiling(15 / dz)), new MultisliceParameters()).Values;
    }

    private static double Distance(ComplexF[] a, ComplexF[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (a[i] - b[i]).MagnitudeSquared;
        return Math.Sqrt(s / a.Length);
    }

    [Fact]
    public void ExitWaveConvergesAsSlicesGetThinner()
    {
        var reference = ExitWave(0.1, 0.25);
        double coarse = Distance(ExitWave(0.1, 2), reference), medium = Distance(ExitWave(0.1, 1), reference), fine = Distance(ExitWave(0.1, 0.5), reference);
        Assert.True(coarse > medium && medium > fine, $"errors {coarse:G3}, {medium:G3}, {fine:G3} should decrease");
        Assert.True(fine < 0.5 * coarse);
        Assert.True(fine < 0.05, $"0.5 Å slices differ by {fine:G3} rms from 0.25 Å slices");
    }

    [Fact]
    public void ExitWaveConvergesAsSamplingGetsFiner()
    {
        // Compare the exit waves' Fourier coefficients below 1.2 1/Å (inside every grid's 2/3 band limit): same cell,
        // so the same frequencies; each normalised by its pixel count.
        var reference = Spectrum(0.05);
        double coarse = SpectrumDistance(Spectrum(0.2), reference), medium = SpectrumDistance(Spectrum(0.1), reference);
        Assert.True(medium < coarse, $"errors {coarse:G3} (0.2 Å/px), {medium:G3} (0.1 Å/px) should decrease");
        Assert.True(medium < 0.02, $"0.1 Å/px differs by {medium:G3} from 0.05 Å/px");
    }

    private static Dictionary<(int, int), ComplexF> Spectrum(double px)
    {
        var wave = ExitWave(px, 1);
        int n = (int)Math.Round(12.8 / px);
        var s = new ComplexF[n * n];
        Fft.Default.Forward(wave, s, n, n);
        var result = new Dictionary<(int, int), ComplexF>();
        int kmax = (int)(1.2 * 12.8);
        for (int ky = -kmax; ky <= kmax; ky++)
            for (int kx = -kmax; kx <= kmax; kx++)
                if (kx * kx + ky * ky <= kmax * kmax)
                    result[(kx, ky)] = s[((ky + n) % n) * n + (kx + n) % n] * (1f / (n * n));
        return result;
    }

    private static double SpectrumDistance(Dictionary<(int, int), ComplexF> a, Dictionary<(int, int), ComplexF> b)
    {
        double s = 0;
        foreach (var (k, v) in a) s += (v - b[k]).MagnitudeSquared;
        return Math.Sqrt(s);
    }
}
