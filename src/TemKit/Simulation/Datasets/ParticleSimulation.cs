using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Simulation.Transfer;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Datasets;

/// <summary>One simulated specimen: atoms, exit wave and label mask, ready to be imaged many times.</summary>
/// <param name="Specimen">The atoms.</param>
/// <param name="Geometry">Random choices made building the particle (null for an imported structure).</param>
/// <param name="Grid">Sampling grid.</param>
/// <param name="SliceThicknessAngstrom">Slice thickness (Å).</param>
/// <param name="SliceCount">Number of slices.</param>
/// <param name="ExitWave">Exit wave (unit incident amplitude).</param>
/// <param name="Mask">0/1 mask of the particle's projected convex hull.</param>
public sealed record ParticleCase(Specimen Specimen, ParticleGeometry? Geometry, SimulationGrid Grid, double SliceThicknessAngstrom, int SliceCount, ExitWave ExitWave, Image2D Mask);

/// <summary>The whole chain for one particle: structure → sliced potential → multislice exit wave → mask; then per image
/// epoch: wave transfer → intensity → detector (dose, MTF, readout noise).</summary>
public static class ParticleSimulation
{
    /// <summary>Builds a supported FCC particle with <paramref name="rng"/> and computes its exit wave and mask;
    /// <paramref name="progress"/> is called after the potential and after the multislice.</summary>
    public static ParticleCase Simulate(FccParticleParameters particle, SimulationGrid grid, PotentialParameters potential, MultisliceParameters multislice, Random rng, Action? progress = null)
    {
        grid.Validate();
        var (specimen, geometry) = SupportedParticleBuilder.Build(particle, grid.CellXAngstrom, grid.CellYAngstrom, rng, 0.5 * potential.SliceThicknessAngstrom);
        return Simulate(specimen, geometry, grid, potential, multislice, progress);
    }

    /// <summary>Computes the exit wave and mask of given atoms (e.g. read from XYZ); atoms outside the cell wrap
    /// periodically. <paramref name="progress"/> is called after the potential and after the multislice.</summary>
    public static ParticleCase Simulate(Specimen specimen, ParticleGeometry? geometry, SimulationGrid grid, PotentialParameters potential, MultisliceParameters multislice, Action? progress = null)
    {
        var sliced = PotentialSlicer.Build(specimen.All, grid, potential);
        progress?.Invoke();
        var wave = MultisliceSimulator.Run(sliced, multislice);
        progress?.Invoke();
        var mask = ParticleMask.Rasterise(specimen.Particle, grid.Nx, grid.Ny, grid.PixelSizeAngstrom);
        return new ParticleCase(specimen, geometry, grid, potential.SliceThicknessAngstrom, sliced.Count, wave, mask);
    }

    /// <summary>
    /// One image epoch: the noise-free intensity under <paramref name="optics"/> and the detected frame in electrons per
    /// pixel at <paramref name="doseElectronsPerAngstrom2"/> through <paramref name="detector"/>.
    /// </summary>
    public static (Image2D Detected, Image2D Intensity) RenderEpoch(WaveImager imager, ImagingParameters optics, double doseElectronsPerAngstrom2, DetectorModel detector, Random rng)
    {
        if (!(doseElectronsPerAngstrom2 >= 0) || !double.IsFinite(doseElectronsPerAngstrom2))
            throw new ArgumentException($"dose must be ≥ 0 e/Å², got {doseElectronsPerAngstrom2}");
        var intensity = imager.Intensity(optics);
        double px = imager.ExitWave.Grid.PixelSizeAngstrom;
        var detected = DetectorSimulator.Apply(intensity, doseElectronsPerAngstrom2 * px * px, detector, rng);
        return (detected, intensity);
    }
}
