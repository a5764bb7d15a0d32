using TemKit.Simulation.Datasets;

namespace TemKit.Simulation.Mesoscale;

/// <summary>
/// What a mesoscale field of self-assembled soft matter holds and its potentials: counts and sizes of fibres,
/// vesicles and spheres (drawn uniformly from the ranges), their mean inner potential against the embedding medium,
/// and an amorphous film whose thickness fluctuates (a Gaussian random field). Lengths in Å, potentials in V.
/// </summary>
public sealed record MesoscaleSpecimenParameters
{
    /// <summary>Number of fibres per field.</summary>
    public ParameterRange FibreCount { get; init; } = new(1, 3);

    /// <summary>Fibre (cylinder) radius (Å).</summary>
    public ParameterRange FibreRadiusAngstrom { get; init; } = new(25, 60);

    /// <summary>Fibre axis length (Å).</summary>
    public ParameterRange FibreLengthAngstrom { get; init; } = new(300, 900);

    /// <summary>Number of vesicles per field.</summary>
    public ParameterRange VesicleCount { get; init; } = new(1, 3);

    /// <summary>Vesicle outer radius (Å).</summary>
    public ParameterRange VesicleRadiusAngstrom { get; init; } = new(80, 200);

    /// <summary>Vesicle membrane (shell) thickness (Å).</summary>
    public ParameterRange MembraneThicknessAngstrom { get; init; } = new(35, 50);

    /// <summary>Number of solid spheres per field.</summary>
    public ParameterRange SphereCount { get; init; } = new(2, 5);

    /// <summary>Sphere radius (Å).</summary>
    public ParameterRange SphereRadiusAngstrom { get; init; } = new(30, 100);

    /// <summary>Mean inner potential of the objects (V; organic matter ≈ 7 V).</summary>
    public double ObjectPotentialVolts { get; init; } = 7;

    /// <summary>Mean inner potential of the medium the objects displace (V; vitreous ice ≈ 4.5 V, 0 for a dried specimen).</summary>
    public double MediumPotentialVolts { get; init; } = 4.5;

    /// <summary>RMS thickness fluctuation of the amorphous film (Å).</summary>
    public double AmorphousThicknessRmsAngstrom { get; init; } = 5;

    /// <summary>Correlation length (Gaussian standard deviation) of the amorphous film's thickness (Å).</summary>
    public double AmorphousCorrelationAngstrom { get; init; } = 3;

    /// <summary>Mean inner potential of the amorphous film (V; amorphous carbon ≈ 10 V).</summary>
    public double AmorphousPotentialVolts { get; init; } = 10;

    /// <summary>The defaults.</summary>
    public static MesoscaleSpecimenParameters Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad entry.</summary>
    public void Validate()
    {
        FibreCount.Validate("fibre count", 0, 1000);
        VesicleCount.Validate("vesicle count", 0, 1000);
        SphereCount.Validate("sphere count", 0, 1000);
        FibreRadiusAngstrom.Validate("fibre radius (Å)", 1, 1e5);
        FibreLengthAngstrom.Validate("fibre length (Å)", 0, 1e6);
        VesicleRadiusAngstrom.Validate("vesicle radius (Å)", 1, 1e5);
        MembraneThicknessAngstrom.Validate("membrane thickness (Å)", 1, 1e5);
        SphereRadiusAngstrom.Validate("sphere radius (Å)", 1, 1e5);
        if (MembraneThicknessAngstrom.Max >= VesicleRadiusAngstrom.Min)
            throw new ArgumentException($"membrane thickness {MembraneThicknessAngstrom} Å must stay below the smallest vesicle radius {VesicleRadiusAngstrom.Min} Å");
        foreach (var (name, v) in new[] { ("object potential (V)", ObjectPotentialVolts), ("medium potential (V)", MediumPotentialVolts), ("amorphous potential (V)", AmorphousPotentialVolts) })
            if (!(v is >= 0 and <= 100)) throw new ArgumentException($"{name}: {v} must be 0..100 V");
        if (!(AmorphousThicknessRmsAngstrom is >= 0 and <= 1e4)) throw new ArgumentException($"amorphous thickness RMS: {AmorphousThicknessRmsAngstrom} must be 0..1e4 Å");
        if (!(AmorphousCorrelationAngstrom is > 0 and <= 1e4)) throw new ArgumentException($"amorphous correlation length: {AmorphousCorrelationAngstrom} must be in (0, 1e4] Å");
    }
}
