using TemKit.Fourier;
using TemKit.Optics;
using TemKit.Simulation.Potentials;

namespace TemKit.Simulation.Multislice;

/// <summary>
/// The multislice algorithm (Cowley &amp; Moodie 1957; Kirkland 2010 Eq. 6.92): ψ_{n+1} = P_Δz ⊗ [t_n ψ_n] with transmission
/// t_n = exp(i σ v_n) (σ the relativistic interaction constant, v_n the slice's projected potential in V·Å), both t_n and
/// the propagator band-limited to 2/3 of Nyquist, starting from a plane wave of unit amplitude per pixel.
/// </summary>
public static class MultisliceSimulator
{
    /// <summary>The exit wave of a unit plane wave through every slice of <paramref name="potential"/>.</summary>
    public static ExitWave Run(SlicedPotential potential, MultisliceParameters parameters, IFftProvider? fft = null)
    {
        var wave = new ComplexF[potential.Grid.Nx * potential.Grid.Ny];
        wave.AsSpan().Fill(new ComplexF(1, 0));
        Propagate(wave, potential, parameters, fft);
        return new ExitWave(potential.Grid, parameters.VoltageKilovolts, wave);
    }

    /// <summary>Carries <paramref name="wave"/> (real space, in place) through every slice of <paramref name="potential"/>.</summary>
    public static void Propagate(Span<ComplexF> wave, SlicedPotential potential, MultisliceParameters parameters, IFftProvider? fft = null)
    {
        parameters.Validate();
        var grid = potential.Grid;
        int nx = grid.Nx, ny = grid.Ny, n = nx * ny;
        if (wave.Length != n) throw new ArgumentException($"wave holds {wave.Length} values, the grid needs {n}");
        fft ??= Fft.Default;
        var propagator = new FresnelPropagator(grid, potential.SliceThicknessAngstrom, parameters);
        var mask = propagator.BandLimit;
        float sigma = (float)ElectronOptics.InteractionConstantRadPerVoltAngstrom(parameters.VoltageKilovolts);
        var t = new ComplexF[n];
        var sin = new float[n];
        var cos = new float[n];
        foreach (var slice in potential.Slices)
        {
            // t = exp(iσv), then the same 2/3 band limit as the propagator so that t·ψ does not alias (Kirkland 2010 §6.8).
            ComplexOps.Exp(slice, sigma, t, sin, cos);
            fft.Forward(t, t, nx, ny);
            ComplexOps.Multiply(t, mask);
            fft.Inverse(t, t, nx, ny);
            ComplexOps.Multiply(wave, t);
            propagator.Apply(wave);
        }
    }
}
