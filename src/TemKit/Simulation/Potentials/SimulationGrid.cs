namespace TemKit.Simulation.Potentials;

/// <summary>The periodic sampling grid of a simulation: <see cref="Nx"/> x <see cref="Ny"/> pixels of
/// <see cref="PixelSizeAngstrom"/> Å. Grid point (i, j) sits at (i·px, j·px) Å.</summary>
/// <param name="Nx">Pixels along x.</param>
/// <param name="Ny">Pixels along y.</param>
/// <param name="PixelSizeAngstrom">Sampling in Å per pixel (TemKit tests 0.05-0.25; Table 1 uses 0.07-0.08).</param>
public sealed record SimulationGrid(int Nx = 512, int Ny = 512, double PixelSizeAngstrom = 0.075)
{
    /// <summary>Cell width (Å).</summary>
    public double CellXAngstrom => Nx * PixelSizeAngstrom;

    /// <summary>Cell height (Å).</summary>
    public double CellYAngstrom => Ny * PixelSizeAngstrom;

    /// <summary>Throws <see cref="ArgumentException"/> for a grid the simulator cannot use.</summary>
    public void Validate()
    {
        if (Nx < 8 || Ny < 8 || Nx > 8192 || Ny > 8192) throw new ArgumentException($"grid must be 8..8192 pixels per side, got {Nx}x{Ny}");
        if (!(PixelSizeAngstrom is >= 0.01 and <= 1)) throw new ArgumentException($"sampling must be 0.01..1 Å/px, got {PixelSizeAngstrom}");
    }
}
