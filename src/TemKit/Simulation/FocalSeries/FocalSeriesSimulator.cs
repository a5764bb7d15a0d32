using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Simulation.FocalSeries;

/// <summary>One simulated focal series: three detected images of one exit wave, the class map and the truth.</summary>
/// <param name="Images">The three detected images (electrons per pixel), frame k at <see cref="FocalSeriesRecord"/> defocus k.</param>
/// <param name="Labels">Class map (0 background, 1 metal, 2 X₂, 3 X₁) as discs at the columns.</param>
/// <param name="Sheet">The structure, its columns and defects.</param>
/// <param name="Record">Every parameter of the triplet.</param>
/// <param name="ClassNames">Names of the label classes, e.g. background, Mo, S2, S1.</param>
public sealed record FocalSeriesSample(ImageStack Images, Image2D Labels, Mx2Sheet Sheet, FocalSeriesRecord Record, string[] ClassNames)
{
    /// <summary>The labelled columns as rows of columns.csv (pixel coordinates with pixel i centred at i).</summary>
    public IEnumerable<ColumnRecord> ColumnRows(int triplet = 0) => Sheet.Columns.Select(c => new ColumnRecord
    {
        Triplet = triplet, ClassIndex = (int)c.Kind, Type = ClassNames[(int)c.Kind],
        XAngstrom = c.XAngstrom, YAngstrom = c.YAngstrom,
        XPx = c.XAngstrom / Record.PixelSizeAngstrom, YPx = c.YAngstrom / Record.PixelSizeAngstrom,
    });
}

/// <summary>
/// The focal-series chain: MX₂ monolayer → sliced potential → one multislice exit wave → three images at three defoci
/// through the shared wave transfer (<see cref="WaveImager"/>) and the detector (<see cref="ParticleSimulation.RenderEpoch"/>:
/// dose, MTF, readout noise), with noise drawn independently per image.
/// </summary>
public static class FocalSeriesSimulator
{
    /// <summary>Simulates one triplet drawing everything from <paramref name="rng"/>; <paramref name="progress"/> is
    /// called after the structure, the exit wave and each image.</summary>
    public static FocalSeriesSample Simulate(FocalSeriesRanges ranges, Random rng, int triplet = 0, int tripletSeed = 0, Action<string>? progress = null)
    {
        ranges.Validate();
        int n = ranges.GridPixels;
        var grid = new SimulationGrid(n, n, ranges.PixelSizeAngstrom.Uniform(rng));
        var structure = ranges.DrawStructure(rng);
        var sheet = Mx2SheetBuilder.Build(structure, grid.CellXAngstrom, grid.CellYAngstrom, rng, 0.5 * ranges.SliceThicknessAngstrom);
        progress?.Invoke("structure");
        var sliced = PotentialSlicer.Build(sheet.Specimen.All, grid, new PotentialParameters(ranges.SliceThicknessAngstrom));
        var wave = MultisliceSimulator.Run(sliced, new MultisliceParameters(ranges.VoltageKilovolts));
        progress?.Invoke("exit wave");
        var imager = new WaveImager(wave);
        var defoci = ranges.DrawDefoci(rng);
        var optics = ranges.DrawOptics(rng);
        double dose = ranges.DoseElectronsPerAngstrom2.LogUniform(rng);
        var detector = DetectorModelRange.Preset(ranges.MtfModel).Draw(rng);
        var pixels = new float[3 * n * n];
        var blur = new double[3];
        for (int k = 0; k < 3; k++)
        {
            blur[k] = ranges.BlurAngstrom.Uniform(rng);
            var (detected, _) = ParticleSimulation.RenderEpoch(imager, optics with { DefocusAngstrom = defoci[k], BlurAngstrom = blur[k] }, dose, detector, rng);
            detected.Pixels.CopyTo(pixels.AsSpan(k * n * n, n * n));
            progress?.Invoke($"image {k + 1}/3");
        }
        var compound = structure.ResolvedCompound;
        var names = Mx2Column.ClassNames(compound);
        var voxel = new VoxelSize(grid.PixelSizeAngstrom, grid.PixelSizeAngstrom, 0);
        var metadata = new ImageMetadata { VoltageKilovolts = ranges.VoltageKilovolts };
        var images = new ImageStack(n, n, 3, pixels, StackKind.ImageStack, voxel, metadata);
        var labels = new Image2D(n, n, ColumnClassDiscs.Rasterise(sheet.Columns, n, n, grid.PixelSizeAngstrom, ranges.LabelRadiusAngstrom), voxel, metadata);
        var g = sheet.Geometry;
        var record = new FocalSeriesRecord
        {
            Triplet = triplet, TripletSeed = tripletSeed, Compound = compound.Formula,
            PixelSizeAngstrom = grid.PixelSizeAngstrom, VoltageKilovolts = ranges.VoltageKilovolts,
            Defocus0Angstrom = defoci[0], Defocus1Angstrom = defoci[1], Defocus2Angstrom = defoci[2],
            CsMillimetres = optics.CsMillimetres, AstigmatismAngstrom = optics.AstigmatismAngstrom, AstigmatismAngleDegrees = optics.AstigmatismAngleDegrees,
            FocalSpreadAngstrom = optics.FocalSpreadAngstrom, ConvergenceSemiAngleMilliradians = optics.ConvergenceSemiAngleMilliradians,
            Blur0Angstrom = blur[0], Blur1Angstrom = blur[1], Blur2Angstrom = blur[2],
            DoseElectronsPerAngstrom2 = dose, MtfModel = ranges.MtfModel, MtfC0 = detector.C0, MtfC3 = detector.C3, MtfFloor = detector.C,
            ReadoutNoiseElectronsPerPixel = detector.ReadoutNoiseElectronsPerPixel,
            RotationDegrees = g.RotationDegrees, MetalSites = g.MetalSites, ChalcogenSites = g.ChalcogenSites,
            SingleVacancies = g.SingleVacancies, DoubleVacancies = g.DoubleVacancies, MetalVacancies = g.MetalVacancies,
            GrapheneAtoms = g.GrapheneAtoms, Slices = sliced.Count,
        };
        return new FocalSeriesSample(images, labels, sheet, record, names);
    }
}
