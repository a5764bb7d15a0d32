using System.Globalization;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Png;
using TemKit.Plotting;
using TemKit.Reporting;
using TemKit.Simulation.FocalSeries;

namespace TemKit.Pipelines.Species;

public static partial class SpeciesRun
{
    private static readonly RgbColor[] s_classColours = [RgbColor.White, new(60, 120, 255), new(250, 210, 40), new(235, 40, 40), new(40, 200, 80), new(200, 80, 220)];

    /// <summary>Colour of class <paramref name="classIndex"/> in overlays (metal blue, X₂ yellow, X₁ red).</summary>
    public static RgbColor ClassColour(int classIndex) => s_classColours[Math.Clamp(classIndex, 0, s_classColours.Length - 1)];

    /// <summary>
    /// Writes RUN/columns.csv (every typed column), RUN/frames.csv (counts and vacancy statistics per triplet),
    /// RUN/overlay_NNNN.png (middle frame with colour-coded columns), RUN/vacancies.svg (vacancy count against triplet
    /// index: the time series of an in-situ sequence) and RUN/report.html, each atomically.
    /// </summary>
    public static void Write(string folder, SpeciesResult result, Provenance? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var names = result.ClassNames;
        FocalSeriesDataset.WriteCsv(Path.Combine(folder, "columns.csv"), result.Frames.SelectMany(f => f.Columns.Select(c => new SpeciesColumnRow
        {
            Triplet = f.Index, Name = f.Name, ClassIndex = c.ClassIndex, Type = names[c.ClassIndex], XPx = c.XPx, YPx = c.YPx,
            XAngstrom = c.XPx * f.PixelSizeAngstrom, YAngstrom = c.YPx * f.PixelSizeAngstrom, Probability = c.Probability,
        })));
        WriteFrames(Path.Combine(folder, "frames.csv"), result);
        foreach (var f in result.Frames) PngWriter.WriteCanvas(Path.Combine(folder, OverlayName(f.Index)), Overlay(f));
        VacancyPlot(result).Save(Path.Combine(folder, "vacancies.svg"));
        Report(result, folder, provenance).Save(Path.Combine(folder, "report.html"));
    }

    /// <summary>File name of a triplet's overlay.</summary>
    public static string OverlayName(int index) => $"overlay_{index:D4}.png";

    /// <summary>The registered middle frame in grey with a filled dot per column in its class colour.</summary>
    public static RgbCanvas Overlay(SpeciesFrame frame)
    {
        var image = new Image2D(frame.Width, frame.Height, frame.MiddleFrame);
        var canvas = RgbCanvas.FromImage(image, new DisplayScale());
        double r = Math.Max(1.5, 0.35 / frame.PixelSizeAngstrom);
        foreach (var c in frame.Columns) canvas.FillCircle(c.XPx, c.YPx, r, ClassColour(c.ClassIndex), 0.8);
        return canvas;
    }

    private static void WriteFrames(string path, SpeciesResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var names = result.ClassNames;
        var lines = new List<string>
        {
            "triplet,name,pixel_size_angstrom,shift0_x_px,shift0_y_px,shift2_x_px,shift2_y_px," + string.Join(",", names.Skip(1).Select(n => "count_" + n))
                + ",vacancies,area_nm2,vacancies_per_nm2,vacancies_per_site",
        };
        foreach (var f in result.Frames)
        {
            var k = f.Counts;
            lines.Add(string.Join(",",
                f.Index.ToString(inv), Csv(f.Name), f.PixelSizeAngstrom.ToString("R", inv),
                f.ShiftsPixels[0].X.ToString("F3", inv), f.ShiftsPixels[0].Y.ToString("F3", inv), f.ShiftsPixels[2].X.ToString("F3", inv), f.ShiftsPixels[2].Y.ToString("F3", inv),
                string.Join(",", k.PerClass.Skip(1).Select(v => v.ToString(inv))),
                k.Vacancies.ToString(inv), k.AreaNanometres2.ToString("F4", inv), CsvFiles.ResultNumber(k.VacanciesPerNanometre2), CsvFiles.ResultNumber(k.VacanciesPerSite)));
        }
        AtomicFile.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static SvgPlot VacancyPlot(SpeciesResult result)
    {
        var plot = new SvgPlot("Chalcogen vacancies (X₁ columns) per focal series", "Triplet (time order)", "Vacancies");
        var xs = result.Frames.Select(f => (double)f.Index).ToArray();
        var ys = result.Frames.Select(f => (double)f.Counts.Vacancies).ToArray();
        if (xs.Length > 1) plot.AddLine("vacancies", xs, ys);
        plot.AddScatter("vacancies", xs, ys);
        return plot;
    }

    private static HtmlReport Report(SpeciesResult result, string folder, Provenance? provenance)
    {
        var inv = CultureInfo.InvariantCulture;
        var names = result.ClassNames;
        var report = new HtmlReport("Atomic species from focal series") { Subtitle = $"{result.Frames.Count} triplet(s), model {Path.GetFileName(result.ModelPath)}", Provenance = provenance };
        if (result.Notes.Count > 0) report.AddList(result.Notes);
        report.AddParagraph("Columns are peaks of each class probability (non-maximum suppression across classes). A chalcogen vacancy is an X₁ column (one chalcogen left); columns with both chalcogens missing are not counted. Per site = X₁ / (2 (X₂ + X₁)).");
        report.AddTable(["triplet", "name", .. names.Skip(1), "vacancies", "per nm²", "per site"],
            result.Frames.Select(f => (IReadOnlyList<string>)[
                f.Index.ToString(inv), f.Name, .. f.Counts.PerClass.Skip(1).Select(v => v.ToString(inv)),
                f.Counts.Vacancies.ToString(inv), f.Counts.VacanciesPerNanometre2.ToString("F3", inv), f.Counts.VacanciesPerSite.ToString("F4", inv)]));
        if (result.Frames.Count > 1) report.AddPlot(VacancyPlot(result));
        foreach (var f in result.Frames.Take(12))
            report.AddPng(Path.Combine(folder, OverlayName(f.Index)), $"{f.Name}: " + string.Join(", ", Enumerable.Range(1, names.Length - 1).Select(c => $"{names[c]} {ClassColourName(c)}")));
        return report;
    }

    private static string ClassColourName(int c) => c switch { 1 => "blue", 2 => "yellow", 3 => "red", 4 => "green", _ => "violet" };
}

/// <summary>One row of a species run's columns.csv.</summary>
public sealed class SpeciesColumnRow
{
    /// <summary>Triplet index.</summary>
    [CsvHelper.Configuration.Attributes.Name("triplet")] public int Triplet { get; init; }
    /// <summary>Source of the triplet.</summary>
    [CsvHelper.Configuration.Attributes.Name("name")] public string Name { get; init; } = "";
    /// <summary>Class index.</summary>
    [CsvHelper.Configuration.Attributes.Name("class")] public int ClassIndex { get; init; }
    /// <summary>Class name.</summary>
    [CsvHelper.Configuration.Attributes.Name("type")] public string Type { get; init; } = "";
    /// <summary>x (px).</summary>
    [CsvHelper.Configuration.Attributes.Name("x_px")] public double XPx { get; init; }
    /// <summary>y (px).</summary>
    [CsvHelper.Configuration.Attributes.Name("y_px")] public double YPx { get; init; }
    /// <summary>x (Å).</summary>
    [CsvHelper.Configuration.Attributes.Name("x_angstrom")] public double XAngstrom { get; init; }
    /// <summary>y (Å).</summary>
    [CsvHelper.Configuration.Attributes.Name("y_angstrom")] public double YAngstrom { get; init; }
    /// <summary>Class probability at the peak.</summary>
    [CsvHelper.Configuration.Attributes.Name("probability")] public double Probability { get; init; }
}
