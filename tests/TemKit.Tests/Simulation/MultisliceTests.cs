using TemKit.Fourier;
using TemKit.Simulation.Transfer;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class MultisliceTests
{
    internal static ComplexF[] RandomBandLimitedWave(SimulationGrid grid, int seed)
    {
        var rng = new Random(seed);
        int n = grid.Nx * grid.Ny;
        var wave = new ComplexF[n];
        for (int i = 0; i < n; i++) wave[i] = new ComplexF((float)(1 + 0.3 * rng.NextDouble()), (float)(0.3 * rng.NextDouble()));
        // Band-limit it as the multislice does, so that the propagator acts as a pure phase on every component.
        new FresnelPropagator(grid, 0, new MultisliceParameters()).Apply(wave);
        return wave;
    }

    private static double Norm(ReadOnlySpan<ComplexF> w)
    {
        double s = 0;
        foreach (var v in w) s += v.MagnitudeSquared;
        return s;
    }

    [Fact]
    public void PropagatorConservesTheNormAndIsReversible()
    {
        var grid = new SimulationGrid(128, 96, 0.1);
        var wave = RandomBandLimitedWave(grid, 1);
        var original = (ComplexF[])wave.Clone();
        double before = Norm(wave);
        new FresnelPropagator(grid, 37.5, new MultisliceParameters()).Apply(wave);
        Assert.Equal(before, Norm(wave), before * 1e-5);
        double change = 0;
        for (int i = 0; i < wave.Length; i++) change += (wave[i] - original[i]).MagnitudeSquared;
        Assert.True(change > before * 1e-3, "propagation should change the wave");
        new FresnelPropagator(grid, -37.5, new MultisliceParameters()).Apply(wave);
        for (int i = 0; i < wave.Length; i++)
        {
            Assert.Equal(original[i].Re, wave[i].Re, 1e-4);
            Assert.Equal(original[i].Im, wave[i].Im, 1e-4);
        }
    }

    [Fact]
    public void MultisliceThroughAPhaseObjectConservesTheNormAndGivesThePhaseShift()
    {
        // One carbon atom: the transmission function is a pure phase, so the norm stays that of the incident plane wave
        // (up to the small part the 2/3 band limit removes), and the phase at the atom is positive (σ v_z > 0).
        var grid = new SimulationGrid(128, 128, 0.1);
        var atoms = new[] { new Atom(6, 6.4, 6.4, 0.5) };
        var sliced = PotentialSlicer.Build(atoms, grid, new PotentialParameters());
        var wave = MultisliceSimulator.Run(sliced, new MultisliceParameters());
        Assert.InRange(wave.MeanIntensity, 0.995, 1.0001);
        var atWave = new ComplexF[grid.Nx * grid.Ny];
        atWave.AsSpan().Fill(new ComplexF(1, 0));
        var empty = PotentialSlicer.Build([], grid, new PotentialParameters(), sliceCount: 3);
        MultisliceSimulator.Propagate(atWave, empty, new MultisliceParameters());
        Assert.Equal(1.0, Norm(atWave) / atWave.Length, 1e-5);
        // Phase at the atom (exit wave, 1.5 Å below) is positive.
        Assert.True(wave.Values[64 * 128 + 64].Phase > 0.05);
    }

    [Fact]
    public void DefocusInTheTransferFunctionIsBackPropagation()
    {
        // Positive defocus = underfocus = the image of the plane Δf upstream of the exit surface: the transfer function
        // with Cs = 0, no envelopes and defocus −D must equal Fresnel propagation over +D.
        var grid = new SimulationGrid(128, 128, 0.1);
        var values = RandomBandLimitedWave(grid, 7);
        var imager = new WaveImager(new ExitWave(grid, 300, (ComplexF[])values.Clone()));
        var image = imager.Intensity(new ImagingParameters(DefocusAngstrom: -80, CsMillimetres: 0, FocalSpreadAngstrom: 0, ConvergenceSemiAngleMilliradians: 0, BlurAngstrom: 0));
        new FresnelPropagator(grid, 80, new MultisliceParameters()).Apply(values);
        var pixels = image.Pixels;
        for (int i = 0; i < values.Length; i++) Assert.Equal(values[i].MagnitudeSquared, pixels[i], 2e-3);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void WeakColumnAtScherzerDefocusIsDarkAndBrightAtOverfocus(double sign)
    {
        // Weak-phase theory: intensity spectrum = 2 σ V(k) CTF(k), CTF = −sin χ. At Scherzer underfocus CTF ≈ −1 over the
        // passband, so the column is dark (intensity < 1); at the same overfocus χ < 0 and CTF > 0, so it is bright.
        var grid = new SimulationGrid(128, 128, 0.1);
        var atoms = new[] { new Atom(6, 6.4, 6.4, 0.5), new Atom(6, 6.4, 6.4, 2.5) };
        var wave = MultisliceSimulator.Run(PotentialSlicer.Build(atoms, grid, new PotentialParameters()), new MultisliceParameters());
        var imager = new WaveImager(wave);
        double cs = 1.0;
        double scherzer = ImagingParameters.ScherzerDefocusAngstrom(cs, 300);
        Assert.InRange(scherzer, 505, 520);   // √(4/3 Cs λ) = 512 Å at 300 kV (λ = 0.01969 Å), Cs = 1 mm
        // A focal spread of 40 Å damps the transfer beyond the Scherzer passband (point resolution ≈ 2 Å), as in a real image.
        var image = imager.Intensity(new ImagingParameters(DefocusAngstrom: sign * scherzer, CsMillimetres: cs, FocalSpreadAngstrom: 40, ConvergenceSemiAngleMilliradians: 0, BlurAngstrom: 0));
        float centre = image[64, 64];
        double background = image[5, 5];
        if (sign > 0)
        {
            Assert.True(centre < background - 0.02, $"column {centre} should be darker than background {background}");
            Assert.Equal(centre, image.Pixels.ToArray().Min(), 1e-6);
        }
        else
        {
            Assert.True(centre > background + 0.02, $"column {centre} should be brighter than background {background}");
        }
    }
}
