namespace TemKit.Simulation.Structures;

/// <summary>
/// Atoms to simulate in a periodic cell of <see cref="CellXAngstrom"/> x <see cref="CellYAngstrom"/> Å: the
/// nanoparticle (labelled in masks) and its support (not labelled). z runs along the beam from 0 (entrance).
/// </summary>
/// <param name="Particle">Atoms of the nanoparticle (the mask's foreground).</param>
/// <param name="Support">Atoms of the support (CeO2 slab or none).</param>
/// <param name="CellXAngstrom">Cell width along x (Å).</param>
/// <param name="CellYAngstrom">Cell height along y (Å).</param>
public sealed record Specimen(Atom[] Particle, Atom[] Support, double CellXAngstrom, double CellYAngstrom)
{
    /// <summary>Every atom: particle first, then support.</summary>
    public Atom[] All => [.. Particle, .. Support];
}

/// <summary>The random choices made while building a supported particle, recorded for params files.</summary>
/// <param name="TiltDegrees">Tilt of the assembly off the [110] zone axis (degrees).</param>
/// <param name="TiltAxisDegrees">Azimuth of the tilt axis in the image plane, from +x (degrees).</param>
/// <param name="RotationDegrees">Rotation about the optical axis (degrees, counter-clockwise).</param>
/// <param name="TruncationLayers">(111) layers kept below the centre plane of the particle.</param>
/// <param name="ParticleAtoms">Number of particle atoms.</param>
/// <param name="SupportAtoms">Number of support atoms inside the cell.</param>
public sealed record ParticleGeometry(double TiltDegrees, double TiltAxisDegrees, double RotationDegrees, int TruncationLayers, int ParticleAtoms, int SupportAtoms);
