namespace TemKit.Simulation.Structures;

/// <summary>
/// A truncated FCC nanoparticle on a CeO2 (111) support, as in the seed paper (section 2): [110] along the beam,
/// random tilt up to <see cref="MaxTiltDegrees"/>, cut at a (111) plane at a random layer from the centre, that face
/// on the (111) surface of the slab, random rotation about the optical axis.
/// </summary>
/// <param name="Element">Element symbol of the metal (default Au).</param>
/// <param name="LatticeConstantAngstrom">FCC lattice constant (Å); null = the tabulated value of <see cref="Element"/>.</param>
/// <param name="DiameterNanometres">Diameter of the sphere the particle is cut from (nm).</param>
/// <param name="MaxTiltDegrees">Largest tilt off the [110] zone axis (degrees; the tilt is uniform in 0..max).</param>
/// <param name="MaxTruncationFraction">The truncation plane is drawn uniformly among the (111) layers between the
/// centre and this fraction of the radius below it (0 = always through the centre).</param>
/// <param name="WithSupport">Whether to add the CeO2 slab.</param>
/// <param name="SupportThicknessAngstrom">Thickness of the slab normal to the interface (Å).</param>
/// <param name="SupportMarginAngstrom">Extra depth of the slab along the beam on each side of the particle (Å).</param>
/// <param name="InterfaceGapAngstrom">Distance from the particle's (111) face to the slab's top O layer (Å).</param>
/// <param name="TiltDegrees">An explicit tilt off the [110] zone axis (degrees, 0..90) instead of the random one; null =
/// uniform in 0..<paramref name="MaxTiltDegrees"/>. The random draws are made either way, so the rest of the particle
/// (truncation, rotation) is the same for a given seed whatever the tilt.</param>
/// <param name="TiltAxisDegrees">An explicit azimuth of the in-plane tilt axis from +x (degrees, before the in-plane
/// rotation); null = uniform in 0..360.</param>
/// <param name="RotationDegrees">An explicit in-plane rotation about the beam (degrees); null = uniform in 0..360.</param>
public sealed record FccParticleParameters(
    string Element = "Au",
    double? LatticeConstantAngstrom = null,
    double DiameterNanometres = 2.5,
    double MaxTiltDegrees = 3,
    double MaxTruncationFraction = 0.5,
    bool WithSupport = true,
    double SupportThicknessAngstrom = 15,
    double SupportMarginAngstrom = 2,
    double InterfaceGapAngstrom = 2.3,
    double? TiltDegrees = null,
    double? TiltAxisDegrees = null,
    double? RotationDegrees = null)
{
    /// <summary>The lattice constant used (Å): the explicit one, else the table's; throws when neither exists.</summary>
    public double ResolvedLatticeConstantAngstrom =>
        LatticeConstantAngstrom ?? Elements.FccLatticeAngstrom(Element)
        ?? throw new ArgumentException($"no tabulated FCC lattice constant for '{Element}': give the lattice constant (Å)");

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        Elements.AtomicNumber(Element);
        if (!(ResolvedLatticeConstantAngstrom is > 1 and < 10)) throw new ArgumentException($"lattice constant must be 1..10 Å, got {ResolvedLatticeConstantAngstrom}");
        if (!(DiameterNanometres is > 0.3 and <= 20)) throw new ArgumentException($"diameter must be 0.3..20 nm, got {DiameterNanometres}");
        if (!(MaxTiltDegrees is >= 0 and <= 90)) throw new ArgumentException($"max tilt must be 0..90 degrees, got {MaxTiltDegrees}");
        if (!(MaxTruncationFraction is >= 0 and < 1)) throw new ArgumentException($"max truncation fraction must be in [0, 1), got {MaxTruncationFraction}");
        if (!(SupportThicknessAngstrom > 0)) throw new ArgumentException($"support thickness must be > 0 Å, got {SupportThicknessAngstrom}");
        if (!(SupportMarginAngstrom >= 0)) throw new ArgumentException($"support margin must be ≥ 0 Å, got {SupportMarginAngstrom}");
        if (TiltDegrees is { } tilt && !(tilt is >= 0 and <= 90)) throw new ArgumentException($"tilt must be 0..90 degrees, got {tilt}");
        if (TiltAxisDegrees is { } axis && !double.IsFinite(axis)) throw new ArgumentException($"tilt axis must be a finite angle in degrees, got {axis}");
        if (RotationDegrees is { } rotation && !double.IsFinite(rotation)) throw new ArgumentException($"rotation must be a finite angle in degrees, got {rotation}");
        if (!(InterfaceGapAngstrom > 0)) throw new ArgumentException($"interface gap must be > 0 Å, got {InterfaceGapAngstrom}");
    }
}
