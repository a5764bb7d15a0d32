using CsvHelper.Configuration.Attributes;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Simulation.Labels;

namespace TemKit.Pipelines.Columns;

/// <summary>One row of an event sequence's frames.csv: the imaging conditions of one frame.</summary>
public sealed class EventFrameRow
{
    /// <summary>Frame index.</summary>
    [Name("frame")] public int Frame { get; init; }
    /// <summary>Cumulative drift along x (Å).</summary>
    [Name("drift_x_angstrom")] public double DriftXAngstrom { get; init; }
    /// <summary>Cumulative drift along y (Å).</summary>
    [Name("drift_y_angstrom")] public double DriftYAngstrom { get; init; }
    /// <summary>Defocus (Å, positive = underfocus).</summary>
    [Name("defocus_angstrom")] public double DefocusAngstrom { get; init; }
    /// <summary>Spherical aberration (mm).</summary>
    [Name("cs_millimetres")] public double CsMillimetres { get; init; }
    /// <summary>Focal spread (Å, standard deviation).</summary>
    [Name("focal_spread_angstrom")] public double FocalSpreadAngstrom { get; init; }
    /// <summary>Illumination convergence semi-angle (mrad).</summary>
    [Name("convergence_semi_angle_milliradians")] public double ConvergenceSemiAngleMilliradians { get; init; }
    /// <summary>Gaussian blur (Å, standard deviation).</summary>
    [Name("blur_angstrom")] public double BlurAngstrom { get; init; }
    /// <summary>Detector MTF c0 (fraction of Nyquist).</summary>
    [Name("mtf_c0")] public double MtfC0 { get; init; }
    /// <summary>Detector MTF c3.</summary>
    [Name("mtf_c3")] public double MtfC3 { get; init; }
    /// <summary>Readout noise N0 (e/px).</summary>
    [Name("readout_noise_e_per_px")] public double ReadoutNoiseElectronsPerPixel { get; init; }
}

public static partial class EventSequence
{
    /// <summary>Writes FOLDER/images.mrc (the frames), columns.csv (true columns per frame), events.csv (true events) and
    /// frames.csv (drift and imaging conditions per frame), each atomically.</summary>
    public static void Write(string folder, EventSequenceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        MrcFile.Write(Path.Combine(folder, "images.mrc"), result.Frames);
        double px = result.Frames.VoxelSize.XAngstrom;
        ColumnListCsv.Write(Path.Combine(folder, "columns.csv"), result.Columns.SelectMany((c, t) => ColumnListCsv.Rows(c, px, t)));
        CsvFiles.Write(Path.Combine(folder, "events.csv"), result.Events.Select(ColumnRun.EventRow));
        CsvFiles.Write(Path.Combine(folder, "frames.csv"), result.Imaging.Select((o, t) => new EventFrameRow
        {
            Frame = t, DriftXAngstrom = result.DriftAngstrom[t].X, DriftYAngstrom = result.DriftAngstrom[t].Y,
            DefocusAngstrom = o.DefocusAngstrom, CsMillimetres = o.CsMillimetres, FocalSpreadAngstrom = o.FocalSpreadAngstrom,
            ConvergenceSemiAngleMilliradians = o.ConvergenceSemiAngleMilliradians, BlurAngstrom = o.BlurAngstrom,
            MtfC0 = result.Detector.C0, MtfC3 = result.Detector.C3, ReadoutNoiseElectronsPerPixel = result.Detector.ReadoutNoiseElectronsPerPixel,
        }), CsvFiles.ResultSignificantDigits);
    }

    /// <summary>Reads an events.csv (of a sequence or a run).</summary>
    public static ColumnEvent[] ReadEvents(string path) =>
        [.. CsvFiles.Read<ColumnEventRow>(path).Select(r => new ColumnEvent(r.FromFrame,
            Enum.TryParse<ColumnEventKind>(r.Kind, ignoreCase: true, out var kind) ? kind : throw new IO.TemKitFormatException(path, $"unknown event kind '{r.Kind}' (appeared, disappeared, moved)"),
            r.XAngstrom, r.YAngstrom, r.DisplacementAngstrom))];
}
