using TemKit.Simulation.Labels;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.Particle;

/// <summary>Everything one simulated particle image depends on (<see cref="ParticleImage.Simulate"/>).</summary>
/// <param name="Particle">The generated FCC particle (ignored when <paramref name="XyzPath"/> is given).</param>
/// <param name="XyzPath">An XYZ structure to image instead (atoms tagged 0 are support); null: generate the particle.</param>
/// <param name="Grid">Sampling grid (px, Å/px).</param>
/// <param name="Potential">Potential slicing (slice thickness in Å).</param>
/// <param name="Multislice">Multislice settings (voltage in kV).</param>
/// <param name="Optics">Lens transfer and partial coherence (defocus Å, Cs mm, ...).</param>
/// <param name="DoseElectronsPerAngstrom2">Frame dose (e/Å², &gt; 0).</param>
/// <param name="MtfModel">Detector: SOI Table 3 MTF model 1..5 (centre of its ranges), 0 = ideal counting detector.</param>
/// <param name="Seed">Random seed (particle tilt, truncation, rotation; detector noise).</param>
/// <param name="ColumnLabels">Column labels to make from the particle's atoms (null: none).</param>
public sealed record ParticleImageParameters(
    FccParticleParameters Particle,
    string? XyzPath,
    SimulationGrid Grid,
    PotentialParameters Potential,
    MultisliceParameters Multislice,
    ImagingParameters Optics,
    double DoseElectronsPerAngstrom2 = 1000,
    int MtfModel = 4,
    int Seed = 1,
    ColumnLabelOptions? ColumnLabels = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        Grid.Validate();
        Potential.Validate();
        Multislice.Validate();
        Optics.Validate();
        if (!(DoseElectronsPerAngstrom2 > 0) || !double.IsFinite(DoseElectronsPerAngstrom2))
            throw new ArgumentException($"dose must be > 0 e/Å², got {DoseElectronsPerAngstrom2}");
        if (MtfModel is < 0 or > 5) throw new ArgumentException($"MTF model must be 0..5 (0 = ideal, 1..5 = SOI Table 3), got {MtfModel}");
        if (XyzPath is null) Particle.Validate();
        ColumnLabels?.Validate();
    }
}
