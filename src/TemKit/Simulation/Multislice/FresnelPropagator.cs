using TemKit.Fourier;
using TemKit.Simulation.Potentials;

namespace TemKit.Simulation.Multislice;

/// <summary>
/// Free-space propagation over a distance Δz in Fourier space, P(k) = exp(−iπλΔz k²) inside the bandwidth limit and 0
/// outside (Kirkland 2010, Eq. 6.65, with NumPy's FFT sign convention: a wave component exp(+2πi k·r)).
/// </summary>
public sealed class FresnelPropagator
{
    private readonly ComplexF[] _kernel;
    private readonly int _nx, _ny;

    /// <summary>A propagator over <paramref name="distanceAngstrom"/> Å (negative = backwards) on <paramref name="grid"/>.</summary>
    public FresnelPropagator(SimulationGrid grid, double distanceAngstrom, MultisliceParameters parameters)
    {
        parameters.Validate();
        var k = new FourierGrid(grid);
        _nx = grid.Nx; _ny = grid.Ny;
        double lambda = Optics.ElectronOptics.WavelengthAngstrom(parameters.VoltageKilovolts);
        var aperture = k.Aperture(parameters.BandwidthLimitFraction);
        _kernel = new ComplexF[_nx * _ny];
        for (int j = 0; j < _ny; j++)
            for (int i = 0; i < _nx; i++)
            {
                int p = j * _nx + i;
                if (aperture[p] == 0) continue;
                double phase = -Math.PI * lambda * distanceAngstrom * (k.Kx[i] * k.Kx[i] + k.Ky[j] * k.Ky[j]);
                _kernel[p] = new ComplexF((float)Math.Cos(phase), (float)Math.Sin(phase));
            }
        BandLimit = aperture;
    }

    /// <summary>The 0/1 bandwidth-limit mask in FFT order.</summary>
    internal float[] BandLimit { get; }

    /// <summary>P(k) in FFT order (0 outside the band limit), for callers that keep the wave in Fourier space.</summary>
    internal ReadOnlySpan<ComplexF> Kernel => _kernel;

    /// <summary>Propagates <paramref name="wave"/> (real space, Nx·Ny) in place.</summary>
    public void Apply(Span<ComplexF> wave)
    {
        if (wave.Length != _nx * _ny) throw new ArgumentException($"wave holds {wave.Length} values, the grid needs {_nx * _ny}");
        var fft = Fft.Default;
        fft.Forward(wave, wave, _nx, _ny);
        ComplexOps.Multiply(wave, _kernel);
        fft.Inverse(wave, wave, _nx, _ny);
    }
}
