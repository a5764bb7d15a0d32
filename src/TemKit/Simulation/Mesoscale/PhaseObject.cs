namespace TemKit.Simulation.Mesoscale;

/// <summary>The shapes of self-assembled soft matter a mesoscale field holds.</summary>
public enum PhaseObjectKind
{
    /// <summary>A fibre: a cylinder of radius R lying in the specimen plane, with hemispherical end caps.</summary>
    Fibre,

    /// <summary>A vesicle: a spherical shell (membrane) between an inner and an outer radius, filled with the medium.</summary>
    Vesicle,

    /// <summary>A solid sphere (micelle, particle).</summary>
    Sphere,
}

/// <summary>
/// One weak phase object of a mesoscale field, with its exact projected thickness t(x, y) along the beam. Positions
/// and lengths in Å, in the field's frame (x right, y along rows; pixel (i, j) centre at ((i + ½)·px, (j + ½)·px)).
/// </summary>
/// <param name="Kind">Shape.</param>
/// <param name="XAngstrom">Centre x (Å); for a fibre the midpoint of its axis.</param>
/// <param name="YAngstrom">Centre y (Å).</param>
/// <param name="RadiusAngstrom">Outer radius (Å): sphere and vesicle radius, fibre (cylinder) radius.</param>
/// <param name="InnerRadiusAngstrom">Vesicle lumen radius (Å, &lt; <paramref name="RadiusAngstrom"/>); 0 otherwise.</param>
/// <param name="LengthAngstrom">Fibre axis length between the end-cap centres (Å); 0 otherwise.</param>
/// <param name="AngleDegrees">Fibre axis direction from +x (degrees).</param>
public sealed record PhaseObject(PhaseObjectKind Kind, double XAngstrom, double YAngstrom, double RadiusAngstrom,
    double InnerRadiusAngstrom = 0, double LengthAngstrom = 0, double AngleDegrees = 0)
{
    /// <summary>Projected thickness (Å) at (<paramref name="x"/>, <paramref name="y"/>) in Å: 2√(R² − d²) for a sphere
    /// or a cylinder at distance d from its centre or axis; for a vesicle the outer minus the lumen chord.</summary>
    public double ThicknessAngstrom(double x, double y)
    {
        double d2 = DistanceSquared(x, y);
        double r2 = RadiusAngstrom * RadiusAngstrom;
        if (d2 >= r2) return 0;
        double t = 2 * Math.Sqrt(r2 - d2);
        if (Kind == PhaseObjectKind.Vesicle)
        {
            double i2 = InnerRadiusAngstrom * InnerRadiusAngstrom;
            if (d2 < i2) t -= 2 * Math.Sqrt(i2 - d2);
        }
        return t;
    }

    /// <summary>True when (x, y) (Å) lies inside the object's projected outline (a vesicle's lumen included).</summary>
    public bool Covers(double x, double y) => DistanceSquared(x, y) < RadiusAngstrom * RadiusAngstrom;

    /// <summary>Squared distance (Å²) from the centre, or for a fibre from the axis segment.</summary>
    private double DistanceSquared(double x, double y)
    {
        double dx = x - XAngstrom, dy = y - YAngstrom;
        if (Kind != PhaseObjectKind.Fibre) return dx * dx + dy * dy;
        double a = AngleDegrees * Math.PI / 180, ux = Math.Cos(a), uy = Math.Sin(a);
        double along = Math.Clamp(dx * ux + dy * uy, -0.5 * LengthAngstrom, 0.5 * LengthAngstrom);
        double px = dx - along * ux, py = dy - along * uy;
        return px * px + py * py;
    }

    /// <summary>Half-extent (Å) of the axis-aligned box around the centre that holds the object.</summary>
    public double HalfExtentAngstrom => RadiusAngstrom + 0.5 * LengthAngstrom;
}
