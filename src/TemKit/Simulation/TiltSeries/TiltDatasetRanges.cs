using TemKit.Simulation.Datasets;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.TiltSeries;

/// <summary>
/// What a tilt-series dataset spans: every combination of shape × element × size, each in
/// <see cref="OrientationsPerCluster"/> random orientations (one cluster per combination and orientation), and the
/// imaging shared by all (tilts, frame size, probe, detector, method) with the dose drawn per cluster.
/// </summary>
public sealed record TiltDatasetRanges
{
    /// <summary>Cluster shapes (default all four: the seed paper's octahedral, icosahedral and decahedral, plus cuboctahedral).</summary>
    public IReadOnlyList<ClusterShape> Shapes { get; init; } = [ClusterShape.Octahedron, ClusterShape.Icosahedron, ClusterShape.Decahedron, ClusterShape.Cuboctahedron];

    /// <summary>Elements (default Pt, Ag, Au, Cu as in the seed paper).</summary>
    public IReadOnlyList<string> Elements { get; init; } = ["Pt", "Ag", "Au", "Cu"];

    /// <summary>Cluster diameters (nm); each becomes the closest shell count of the shape.</summary>
    public IReadOnlyList<double> DiametersNanometres { get; init; } = [1.5, 2.0, 2.5, 3.0];

    /// <summary>Random orientations per shape × element × size.</summary>
    public int OrientationsPerCluster { get; init; } = 2;

    /// <summary>Tilt list, as <see cref="TiltAngles.Parse"/> reads it.</summary>
    public string Tilts { get; init; } = "-90:90:1";

    /// <summary>Frame edge (px).</summary>
    public int ImagePixels { get; init; } = 128;

    /// <summary>Scan step (Å); null = per cluster, its bounding sphere + 5 Å on each side.</summary>
    public double? StepAngstrom { get; init; }

    /// <summary>Dose per frame (e/Å²), drawn log-uniformly per cluster.</summary>
    public ParameterRange DoseElectronsPerAngstrom2 { get; init; } = new(1e3, 1e5);

    /// <summary>STEM method (default incoherent: thousands of frames per cluster).</summary>
    public StemMethod Method { get; init; } = StemMethod.Incoherent;

    /// <summary>Acceleration voltage (kV).</summary>
    public double VoltageKilovolts { get; init; } = 300;

    /// <summary>Probe convergence semi-angle (mrad).</summary>
    public double ConvergenceSemiAngleMilliradians { get; init; } = 21.4;

    /// <summary>Detector inner angle (mrad).</summary>
    public double DetectorInnerMilliradians { get; init; } = 70;

    /// <summary>Detector outer angle (mrad).</summary>
    public double DetectorOuterMilliradians { get; init; } = 200;

    /// <summary>Fractions of the clusters in train, validation and test (normalised to sum 1).</summary>
    public IReadOnlyList<double> Split { get; init; } = [0.8, 0.1, 0.1];

    /// <summary>Number of clusters: shapes × elements × sizes × orientations.</summary>
    public int ClusterCount => Shapes.Count * Elements.Count * DiametersNanometres.Count * OrientationsPerCluster;

    /// <summary>The probe and detector.</summary>
    public StemParameters Stem => new(new ProbeParameters(VoltageKilovolts, ConvergenceSemiAngleMilliradians), new AnnularDetector(DetectorInnerMilliradians, DetectorOuterMilliradians));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad key.</summary>
    public void Validate()
    {
        if (Shapes.Count == 0) throw new ArgumentException("shapes: give at least one shape");
        if (Elements.Count == 0) throw new ArgumentException("elements: give at least one element");
        foreach (string e in Elements)
            if (Structures.Elements.FccLatticeAngstrom(e) is null) throw new ArgumentException($"elements: '{e}' has no tabulated FCC lattice constant");
        if (DiametersNanometres.Count == 0 || DiametersNanometres.Any(d => !(d is > 0 and <= 20))) throw new ArgumentException("diameter_nanometres: give diameters in (0, 20] nm");
        if (OrientationsPerCluster is < 1 or > 100000) throw new ArgumentException($"orientations_per_cluster must be 1..100000, got {OrientationsPerCluster}");
        TiltAngles.Parse(Tilts);
        if (ImagePixels is < 8 or > 2048) throw new ArgumentException($"image_pixels must be 8..2048, got {ImagePixels}");
        if (StepAngstrom is double s && !(s is > 0.01 and <= 10)) throw new ArgumentException($"step_angstrom must be in (0.01, 10], got {s}");
        DoseElectronsPerAngstrom2.Validate("dose_electrons_per_angstrom2", 1e-3, 1e9);
        if (DoseElectronsPerAngstrom2.Min <= 0) throw new ArgumentException("dose_electrons_per_angstrom2 must be > 0 (log-uniform)");
        Stem.Validate();
        if (Split.Count != 3 || Split.Any(f => !(f >= 0)) || Split.Sum() <= 0) throw new ArgumentException("split: give three fractions [train, validation, test] ≥ 0");
    }
}
