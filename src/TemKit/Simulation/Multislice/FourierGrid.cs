using TemKit.Simulation.Potentials;

namespace TemKit.Simulation.Multislice;

/// <summary>Spatial frequencies of the FFT bins of a grid (1/Å), in FFT order (DC at index 0).</summary>
internal sealed class FourierGrid
{
    public FourierGrid(SimulationGrid grid)
    {
        Nx = grid.Nx; Ny = grid.Ny;
        Kx = new double[Nx];
        Ky = new double[Ny];
        for (int i = 0; i < Nx; i++) Kx[i] = Fourier.FftFrequency.InverseAngstrom(i, Nx, grid.PixelSizeAngstrom);
        for (int j = 0; j < Ny; j++) Ky[j] = Fourier.FftFrequency.InverseAngstrom(j, Ny, grid.PixelSizeAngstrom);
        NyquistInverseAngstrom = 0.5 / grid.PixelSizeAngstrom;
    }

    public int Nx { get; }
    public int Ny { get; }

    /// <summary>kx of column i (1/Å).</summary>
    public double[] Kx { get; }

    /// <summary>ky of row j (1/Å).</summary>
    public double[] Ky { get; }

    /// <summary>1/(2 px) in 1/Å.</summary>
    public double NyquistInverseAngstrom { get; }

    /// <summary>0/1 mask of the circular bandwidth limit of radius fraction·Nyquist.</summary>
    public float[] Aperture(double fraction)
    {
        double kc = fraction * NyquistInverseAngstrom, kc2 = kc * kc;
        var mask = new float[Nx * Ny];
        for (int j = 0; j < Ny; j++)
            for (int i = 0; i < Nx; i++)
                mask[j * Nx + i] = Kx[i] * Kx[i] + Ky[j] * Ky[j] <= kc2 ? 1f : 0f;
        return mask;
    }
}
