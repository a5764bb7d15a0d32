using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Simulation.Potentials;

namespace TemKit.Simulation.Multislice;

/// <summary>A complex wave on the simulation grid (unit incident amplitude), e.g. the specimen's exit wave.</summary>
/// <param name="Grid">Sampling grid.</param>
/// <param name="VoltageKilovolts">Acceleration voltage (kV).</param>
/// <param name="Values">Nx·Ny complex amplitudes, row-major, x fastest.</param>
public sealed record ExitWave(SimulationGrid Grid, double VoltageKilovolts, ComplexF[] Values)
{
    /// <summary>Mean |ψ|² per pixel (1 for the incident plane wave).</summary>
    public double MeanIntensity
    {
        get
        {
            double sum = 0;
            foreach (var v in Values) sum += v.MagnitudeSquared;
            return sum / Values.Length;
        }
    }

    /// <summary>Writes the wave as an MRC mode 4 (complex64) file, atomically.</summary>
    public void WriteMrc(string path) =>
        MrcFile.WriteComplex(path, Values, Grid.Nx, Grid.Ny, 1, new VoxelSize(Grid.PixelSizeAngstrom, Grid.PixelSizeAngstrom, 0));
}
