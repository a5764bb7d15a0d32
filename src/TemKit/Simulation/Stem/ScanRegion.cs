namespace TemKit.Simulation.Stem;

/// <summary>
/// A raster of probe positions: pixel (i, j) of the image is the probe at (X0 + i·step, Y0 + j·step) Å, i = 0..Nx−1,
/// j = 0..Ny−1 (row-major, x fastest, as every TemKit image).
/// </summary>
/// <param name="X0Angstrom">x of the first probe position (Å).</param>
/// <param name="Y0Angstrom">y of the first probe position (Å).</param>
/// <param name="Nx">Probe positions along x.</param>
/// <param name="Ny">Probe positions along y.</param>
/// <param name="StepAngstrom">Distance between neighbouring probe positions (Å); the image's pixel size.</param>
public sealed record ScanRegion(double X0Angstrom, double Y0Angstrom, int Nx, int Ny, double StepAngstrom)
{
    /// <summary>A scan covering [x0, x0 + width) × [y0, y0 + height) Å at <paramref name="stepAngstrom"/>.</summary>
    public static ScanRegion Covering(double x0Angstrom, double y0Angstrom, double widthAngstrom, double heightAngstrom, double stepAngstrom) =>
        new(x0Angstrom, y0Angstrom, Math.Max(1, (int)Math.Round(widthAngstrom / stepAngstrom)), Math.Max(1, (int)Math.Round(heightAngstrom / stepAngstrom)), stepAngstrom);

    /// <summary>Number of probe positions.</summary>
    public int Count => Nx * Ny;

    /// <summary>x (Å) of scan column <paramref name="i"/>.</summary>
    public double X(int i) => X0Angstrom + i * StepAngstrom;

    /// <summary>y (Å) of scan row <paramref name="j"/>.</summary>
    public double Y(int j) => Y0Angstrom + j * StepAngstrom;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        if (Nx < 1 || Ny < 1 || Nx > 8192 || Ny > 8192) throw new ArgumentException($"scan must be 1..8192 positions per side, got {Nx}x{Ny}");
        if (!(StepAngstrom is > 0 and <= 100)) throw new ArgumentException($"scan step must be in (0, 100] Å, got {StepAngstrom}");
        if (!double.IsFinite(X0Angstrom) || !double.IsFinite(Y0Angstrom)) throw new ArgumentException("scan origin must be finite");
    }
}
