using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.FocalSeries;
using TemKit.Simulation.Structures;

namespace TemKit.Pipelines.FocalSeries;

/// <summary>One focal series to simulate: the ranges every parameter is drawn from (fix one by giving a range of one
/// value) and the seed of the triplet's random stream.</summary>
/// <param name="Ranges">Parameter ranges (defaults: <see cref="FocalSeriesRanges.Default"/>).</param>
/// <param name="Seed">Seed; the same seed and ranges give the same triplet.</param>
public sealed record FocalSeriesParameters(FocalSeriesRanges Ranges, int Seed = 1)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate() => Ranges.Validate();
}

/// <summary>
/// Simulates one MX₂ focal series (three images of one exit wave at three defoci) with its class map and column list;
/// <c>temkit simulate focal-series</c> is this job plus <see cref="WriteFolder"/>.
/// </summary>
public static class FocalSeriesJob
{
    /// <summary>Runs the simulation; <paramref name="progress"/> sees the structure, exit wave and three images.</summary>
    public static FocalSeriesSample Simulate(FocalSeriesParameters parameters, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        int done = 0;
        return FocalSeriesSimulator.Simulate(parameters.Ranges, new Random(parameters.Seed), 0, parameters.Seed,
            _ => progress?.Report(new JobProgress("simulating focal series", ++done, 5)));
    }

    /// <summary>
    /// Writes FOLDER/focal_series.mrc (3 frames), labels.mrc, columns.csv, params.csv, classes.txt, structure.xyz and
    /// PNG previews (focal_series_0..2.png, labels.png), each atomically.
    /// </summary>
    public static void WriteFolder(string folder, FocalSeriesSample sample, FocalSeriesRanges ranges)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Directory.CreateDirectory(folder);
        MrcFile.Write(Path.Combine(folder, "focal_series.mrc"), sample.Images);
        MrcFile.Write(Path.Combine(folder, "labels.mrc"), sample.Labels);
        FocalSeriesDataset.WriteCsv(Path.Combine(folder, "columns.csv"), sample.ColumnRows());
        FocalSeriesDataset.WriteCsv(Path.Combine(folder, "params.csv"), [sample.Record]);
        AtomicFile.WriteAllText(Path.Combine(folder, "classes.txt"), string.Join('\n', sample.ClassNames) + "\n");
        AtomicFile.WriteAllText(Path.Combine(folder, "ranges.yaml"), FocalSeriesRangesYaml.Format(ranges));
        double depth = Math.Max(sample.Record.Slices, 1) * ranges.SliceThicknessAngstrom;
        XyzFile.Write(Path.Combine(folder, "structure.xyz"), sample.Sheet.Specimen, depth);
        for (int k = 0; k < 3; k++)
            PngWriter.WriteImage(Path.Combine(folder, $"focal_series_{k}.png"), sample.Images.FrameImage(k));
        PngWriter.WriteImage(Path.Combine(folder, "labels.png"), sample.Labels, new DisplayScale(0, 100), Colormap.Perceptual);
    }
}
