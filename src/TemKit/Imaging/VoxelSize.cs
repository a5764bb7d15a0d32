namespace TemKit.Imaging;

/// <summary>Voxel (pixel) size in ångström along x, y and z. Zero means unknown.</summary>
public readonly record struct VoxelSize(double XAngstrom, double YAngstrom, double ZAngstrom)
{
    /// <summary>The same size in Å along all three axes.</summary>
    public static VoxelSize Isotropic(double angstrom) => new(angstrom, angstrom, angstrom);

    /// <summary>No calibration known.</summary>
    public static VoxelSize Unknown => default;

    /// <summary>True when the x size is a positive, finite number of Å.</summary>
    public bool IsKnown => XAngstrom > 0 && double.IsFinite(XAngstrom);

    /// <summary>"(x, y, z) Å" with 6 significant digits.</summary>
    public override string ToString() => $"({XAngstrom:G6}, {YAngstrom:G6}, {ZAngstrom:G6}) Å";
}
