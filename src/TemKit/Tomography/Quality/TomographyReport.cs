using System.Globalization;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO.Png;
using TemKit.Plotting;
using TemKit.Reporting;

namespace TemKit.Tomography.Quality;

/// <summary>Numbers and pictures of one reconstruction's quality report.</summary>
/// <param name="Title">Report title.</param>
/// <param name="Volume">The reconstruction (Width × Height × Thickness, sections along z).</param>
/// <param name="Series">The tilt series (for the montage), or null.</param>
/// <param name="Fsc">Even/odd-tilt half-set FSC curve, or null.</param>
/// <param name="Metrics">Rows of (name, value with unit) for the summary table.</param>
public sealed record TomographyReportContent(string Title, ImageStack Volume, ImageStack? Series, IReadOnlyList<ShellCorrelation>? Fsc, IReadOnlyList<(string Name, string Value)> Metrics);

/// <summary>
/// Writes a tomography quality report: report.html (self-contained) with the orthogonal central slices (xy, xz, yz),
/// the tilt-series montage and the FSC curve, plus the same pictures as xy.png, xz.png, yz.png, montage.png and fsc.svg.
/// </summary>
public static class TomographyReport
{
    /// <summary>Writes the report into <paramref name="folder"/>; returns the path of report.html.</summary>
    public static string Write(string folder, TomographyReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(folder);
        var v = content.Volume;
        var (xy, xz, yz) = CentralSlices(v);
        var report = new HtmlReport(content.Title) { Subtitle = $"TemKit {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" };
        report.AddHeading("Summary");
        report.AddTable(["measure", "value"], content.Metrics.Select(m => (IReadOnlyList<string>)[m.Name, m.Value]));
        report.AddHeading("Central slices");
        report.AddParagraph("xy: the section at the middle depth z (as seen at zero tilt); xz: the slice at the middle row y, perpendicular to the tilt axis (z down); yz: the column at the middle x (z across). The missing wedge elongates features along z.");
        foreach (var (name, image) in new[] { ("xy", xy), ("xz", xz), ("yz", yz) })
        {
            string path = Path.Combine(folder, $"{name}.png");
            PngWriter.WriteImage(path, image, new DisplayScale(0.5, 99.5));
            report.AddPng(path, $"{name} central slice ({image.Width}x{image.Height} px)");
        }
        if (content.Series is { } series)
        {
            var montage = Montage(series, 8);
            string path = Path.Combine(folder, "montage.png");
            PngWriter.WriteImage(path, montage, new DisplayScale(0.5, 99.5));
            report.AddHeading("Tilt series");
            report.AddPng(path, $"{series.Nz} projections, row by row in stack order");
        }
        if (content.Fsc is { Count: > 1 } fsc)
        {
            var plot = new SvgPlot("Fourier shell correlation, even vs odd tilts", "spatial frequency (cycles/pixel)", "FSC") { YMin = -0.2, YMax = 1.05 };
            plot.AddLine("FSC", fsc.Select(s => s.FrequencyCyclesPerPixel), fsc.Select(s => s.Correlation));
            plot.AddHorizontalLine(0.143, "0.143");
            string svg = plot.ToSvg();
            IO.AtomicFile.WriteAllText(Path.Combine(folder, "fsc.svg"), svg);
            report.AddHeading("Half-set FSC");
            report.AddSvg(svg, $"0.143 crossing at {FourierShellCorrelation.Crossing(fsc):F3} cycles/pixel");
        }
        string html = Path.Combine(folder, "report.html");
        report.Save(html);
        return html;
    }

    /// <summary>The xy (z = middle), xz (y = middle; rows = z) and yz (x = middle; columns = z) slices.</summary>
    public static (Image2D Xy, Image2D Xz, Image2D Yz) CentralSlices(ImageStack v)
    {
        ArgumentNullException.ThrowIfNull(v);
        int nx = v.Nx, ny = v.Ny, nz = v.Nz;
        var xy = new Image2D(nx, ny, v.Frame(nz / 2).ToArray());
        var xz = new float[nx * nz];
        var yz = new float[nz * ny];
        for (int z = 0; z < nz; z++)
        {
            var f = v.Frame(z);
            f.Slice(ny / 2 * nx, nx).CopyTo(xz.AsSpan(z * nx, nx));
            for (int y = 0; y < ny; y++) yz[y * nz + z] = f[y * nx + nx / 2];
        }
        return (xy, new Image2D(nx, nz, xz), new Image2D(nz, ny, yz));
    }

    /// <summary>The frames tiled <paramref name="columns"/> across, each binned to at most 128 px wide.</summary>
    public static Image2D Montage(ImageStack series, int columns)
    {
        ArgumentNullException.ThrowIfNull(series);
        int bin = Math.Max(1, (series.Nx + 127) / 128), w = series.Nx / bin, h = series.Ny / bin;
        int cols = Math.Min(columns, series.Nz), rows = (series.Nz + cols - 1) / cols;
        var m = new float[cols * w * rows * h];
        float fill = series.Array.Length > 0 ? series.Array.Average() : 0;
        Array.Fill(m, fill);
        for (int i = 0; i < series.Nz; i++)
        {
            var f = series.Frame(i);
            int ox = i % cols * w, oy = i / cols * h;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    double s = 0;
                    for (int by = 0; by < bin; by++)
                        for (int bx = 0; bx < bin; bx++) s += f[(y * bin + by) * series.Nx + x * bin + bx];
                    m[(oy + y) * cols * w + ox + x] = (float)(s / (bin * bin));
                }
        }
        return new Image2D(cols * w, rows * h, m);
    }
}
