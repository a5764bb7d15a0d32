namespace TemKit.Simulation.Potentials;

/// <summary>Projected potential per slice, v_z in V·Å on the grid, slice s covering z ∈ [s·Δz, (s+1)·Δz).</summary>
public sealed class SlicedPotential
{
    internal SlicedPotential(SimulationGrid grid, double sliceThicknessAngstrom, float[][] slices)
    {
        Grid = grid;
        SliceThicknessAngstrom = sliceThicknessAngstrom;
        Slices = slices;
    }

    /// <summary>The sampling grid.</summary>
    public SimulationGrid Grid { get; }

    /// <summary>Slice thickness Δz (Å).</summary>
    public double SliceThicknessAngstrom { get; }

    /// <summary>Slice count.</summary>
    public int Count => Slices.Length;

    /// <summary>One array of Nx·Ny projected potentials (V·Å, row-major, x fastest) per slice.</summary>
    public float[][] Slices { get; }
}
