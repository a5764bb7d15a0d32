using TemKit.Fourier;
using TemKit.Optics;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;

namespace TemKit.Simulation.Stem;

/// <summary>
/// The specimen as the multislice sees it, prepared once for many incident waves (probes or PRISM plane waves): the
/// band-limited transmission function t_n = exp(iσv_n) of every slice that holds atoms, and the Fresnel propagator to
/// the next such slice (runs of empty slices merge into one propagation, which is exact: P(a)·P(b) = P(a + b)). The
/// wave enters and leaves in Fourier space, so a STEM probe is built where it is defined (the aperture) and the
/// detector integrates where it measures (the diffraction plane) without extra transforms.
/// </summary>
internal sealed class TransmissionStack
{
    private readonly ComplexF[][] _transmissions;
    private readonly ComplexF[][] _propagators;
    private readonly ComplexF[]? _entrance;

    /// <summary>Prepares the slices of <paramref name="potential"/> for the voltage in <paramref name="parameters"/>.</summary>
    public TransmissionStack(SlicedPotential potential, MultisliceParameters parameters)
    {
        parameters.Validate();
        Grid = potential.Grid;
        int nx = Grid.Nx, ny = Grid.Ny, n = nx * ny;
        var fft = Fft.Default;
        float sigma = (float)ElectronOptics.InteractionConstantRadPerVoltAngstrom(parameters.VoltageKilovolts);
        double dz = potential.SliceThicknessAngstrom;
        var full = new FresnelPropagator(Grid, dz, parameters);
        BandLimit = full.BandLimit;
        var kernels = new Dictionary<int, ComplexF[]>();
        ComplexF[] Kernel(int slices)
        {
            if (!kernels.TryGetValue(slices, out var k))
                kernels[slices] = k = new FresnelPropagator(Grid, slices * dz, parameters).Kernel.ToArray();
            return k;
        }
        var occupied = new List<int>();
        for (int s = 0; s < potential.Count; s++)
            if (System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(potential.Slices[s]) > 0) occupied.Add(s);
        _transmissions = new ComplexF[occupied.Count][];
        _propagators = new ComplexF[occupied.Count][];
        Parallel.For(0, occupied.Count, i =>
        {
            var t = new ComplexF[n];
            var sin = new float[n];
            var cos = new float[n];
            ComplexOps.Exp(potential.Slices[occupied[i]], sigma, t, sin, cos);
            fft.Forward(t, t, nx, ny);
            ComplexOps.Multiply(t, BandLimit);
            fft.Inverse(t, t, nx, ny);
            _transmissions[i] = t;
        });
        for (int i = 0; i < occupied.Count; i++)
        {
            int next = i + 1 < occupied.Count ? occupied[i + 1] : potential.Count;
            _propagators[i] = Kernel(next - occupied[i]);
        }
        if (occupied.Count > 0 && occupied[0] > 0) _entrance = Kernel(occupied[0]);
        SliceCount = potential.Count;
        OccupiedSlices = occupied.Count;
    }

    /// <summary>The sampling grid.</summary>
    public SimulationGrid Grid { get; }

    /// <summary>The 0/1 band limit (2/3 of Nyquist by default) in FFT order.</summary>
    public float[] BandLimit { get; }

    /// <summary>Slices of the potential, empty ones included.</summary>
    public int SliceCount { get; }

    /// <summary>Slices that hold at least one atom (each costs two FFTs per wave).</summary>
    public int OccupiedSlices { get; }

    /// <summary>
    /// Carries <paramref name="waveK"/> (Fourier space, FFT order, in place) through the specimen: for each slice
    /// ψ ← F⁻¹ψ, ψ ← t·ψ, ψ ← F ψ, ψ ← P·ψ (Kirkland 2010 Eq. 6.92); the result is the exit wave's spectrum.
    /// </summary>
    public void Run(Span<ComplexF> waveK)
    {
        int nx = Grid.Nx, ny = Grid.Ny;
        if (waveK.Length != nx * ny) throw new ArgumentException($"wave holds {waveK.Length} values, the grid needs {nx * ny}");
        var fft = Fft.Default;
        if (_entrance is not null) ComplexOps.Multiply(waveK, _entrance);
        for (int i = 0; i < _transmissions.Length; i++)
        {
            fft.Inverse(waveK, waveK, nx, ny);
            ComplexOps.Multiply(waveK, _transmissions[i]);
            fft.Forward(waveK, waveK, nx, ny);
            ComplexOps.Multiply(waveK, _propagators[i]);
        }
    }
}
