using System.Text.Json;
using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.Particle;

/// <summary>Result of <see cref="ParticleImage.Simulate"/>.</summary>
/// <param name="Case">Atoms, exit wave and mask.</param>
/// <param name="Detected">The detected frame (e/px).</param>
/// <param name="Intensity">The noise-free image intensity (incident = 1).</param>
/// <param name="Detector">The detector used.</param>
/// <param name="Summary">The parameters and outcome, as written to params.json.</param>
/// <param name="Columns">Column labels of the particle, when asked for.</param>
public sealed record ParticleImageResult(ParticleCase Case, Image2D Detected, Image2D Intensity, DetectorModel Detector, ParticleImageSummary Summary, ColumnLabelSet? Columns = null);

/// <summary>
/// One supported nanoparticle (or an XYZ structure), one image: structure → potential → multislice exit wave → mask →
/// lens transfer → detector. <c>temkit simulate particle</c> is this job plus <see cref="WriteFolder"/>.
/// </summary>
public static class ParticleImage
{
    /// <summary>Runs the simulation; <paramref name="progress"/> sees the potential and the multislice finish.</summary>
    public static ParticleImageResult Simulate(ParticleImageParameters parameters, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var detector = parameters.MtfModel == 0 ? DetectorModel.Ideal : DetectorModel.Preset(parameters.MtfModel);
        var rng = new Random(parameters.Seed);
        int done = 0;
        void Advance() => progress?.Report(new JobProgress("potential, multislice", ++done, 2));
        var grid = parameters.Grid;
        var sim = parameters.XyzPath is null
            ? ParticleSimulation.Simulate(parameters.Particle, grid, parameters.Potential, parameters.Multislice, rng, Advance)
            : ParticleSimulation.Simulate(CentredInCell(XyzFile.Read(parameters.XyzPath), grid), null, grid, parameters.Potential, parameters.Multislice, Advance);
        var imager = new WaveImager(sim.ExitWave);
        var (detected, intensity) = ParticleSimulation.RenderEpoch(imager, parameters.Optics, parameters.DoseElectronsPerAngstrom2, detector, rng);
        var columns = parameters.ColumnLabels is { } labelOptions
            ? ColumnLabels.Compute(sim.Specimen.Particle, grid.Nx, grid.Ny, grid.PixelSizeAngstrom, labelOptions)
            : null;
        return new ParticleImageResult(sim, detected, intensity, detector, ParticleImageSummary.From(parameters, sim, detector), columns);
    }

    /// <summary>
    /// Writes image.mrc, intensity.mrc, mask.mrc, exitwave.mrc (complex), structure.xyz, params.json and PNG previews
    /// into <paramref name="folder"/> (created), each atomically; with column labels also columns.mrc (blobs), columns.csv,
    /// columns.png and, when height classes were asked for, column_classes.mrc. Label files an earlier simulation left in
    /// the folder that this one does not write are deleted, so the folder never pairs a new image with old labels.
    /// </summary>
    public static void WriteFolder(string folder, ParticleImageResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var sim = result.Case;
        MrcFile.Write(Path.Combine(folder, "image.mrc"), result.Detected);
        MrcFile.Write(Path.Combine(folder, "intensity.mrc"), result.Intensity);
        MrcFile.Write(Path.Combine(folder, "mask.mrc"), sim.Mask);
        sim.ExitWave.WriteMrc(Path.Combine(folder, "exitwave.mrc"));
        XyzFile.Write(Path.Combine(folder, "structure.xyz"), sim.Specimen, sim.SliceCount * sim.SliceThicknessAngstrom);
        PngWriter.WriteImage(Path.Combine(folder, "image.png"), result.Detected);
        PngWriter.WriteImage(Path.Combine(folder, "intensity.png"), result.Intensity);
        PngWriter.WriteImage(Path.Combine(folder, "mask.png"), sim.Mask, new DisplayScale(0, 100));
        if (result.Columns is { } labels)
        {
            MrcFile.Write(Path.Combine(folder, "columns.mrc"), labels.Positions);
            ColumnListCsv.Write(Path.Combine(folder, "columns.csv"), ColumnListCsv.Rows(labels.Columns, result.Detected.PixelSizeAngstrom));
            PngWriter.WriteImage(Path.Combine(folder, "columns.png"), labels.Positions, new DisplayScale(0, 100));
            if (labels.HeightClasses is { } classes) MrcFile.Write(Path.Combine(folder, "column_classes.mrc"), classes);
            else File.Delete(Path.Combine(folder, "column_classes.mrc"));
        }
        else
        {
            foreach (string stale in (string[])["columns.mrc", "columns.csv", "columns.png", "column_classes.mrc"]) File.Delete(Path.Combine(folder, stale));
        }
        AtomicFile.WriteAllText(Path.Combine(folder, "params.json"),
            JsonSerializer.Serialize(result.Summary, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>An imported structure moved so it is centred in the grid's cell in x and y and starts 1 Å below the
    /// entrance surface in z (its cell becomes the grid's).</summary>
    public static Specimen CentredInCell(Specimen specimen, SimulationGrid grid)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        ArgumentNullException.ThrowIfNull(grid);
        var all = specimen.All;
        double cx = 0.5 * (all.Min(a => a.XAngstrom) + all.Max(a => a.XAngstrom)), cy = 0.5 * (all.Min(a => a.YAngstrom) + all.Max(a => a.YAngstrom));
        double z0 = all.Min(a => a.ZAngstrom);
        double dx = grid.CellXAngstrom / 2 - cx, dy = grid.CellYAngstrom / 2 - cy, dz = 1 - z0;
        return new Specimen([.. specimen.Particle.Select(a => a.Translated(dx, dy, dz))], [.. specimen.Support.Select(a => a.Translated(dx, dy, dz))], grid.CellXAngstrom, grid.CellYAngstrom);
    }
}
