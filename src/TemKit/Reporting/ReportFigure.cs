using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO.Png;
using TemKit.Plotting;

namespace TemKit.Reporting;

/// <summary>One picture in a report: a PNG (embedded as a base64 data URI) or an SVG (inlined), with a caption.</summary>
public sealed class ReportFigure
{
    private ReportFigure(byte[]? png, string? svg, string? caption, string? alt)
    {
        PngBytes = png;
        SvgText = svg;
        Caption = caption;
        AltText = alt;
    }

    /// <summary>PNG file bytes, or null for an SVG figure.</summary>
    public byte[]? PngBytes { get; }

    /// <summary>SVG document text, or null for a PNG figure.</summary>
    public string? SvgText { get; }

    /// <summary>Caption under the picture (plain text, escaped on output).</summary>
    public string? Caption { get; }

    /// <summary>Alternative text for the picture; defaults to the caption.</summary>
    public string? AltText { get; }

    /// <summary>A PNG given as bytes.</summary>
    public static ReportFigure Png(byte[] png, string? caption = null, string? alt = null)
    {
        ArgumentNullException.ThrowIfNull(png);
        return new(png, null, caption, alt);
    }

    /// <summary>A PNG read from a file now (the report stays self-contained).</summary>
    public static ReportFigure PngFile(string path, string? caption = null, string? alt = null) =>
        new(File.ReadAllBytes(path), null, caption, alt);

    /// <summary>A float image shown in grey (default scale: percentiles 0.5/99.5), encoded now as PNG.</summary>
    public static ReportFigure Image(Image2D image, DisplayScale? scale = null, string? caption = null) =>
        Png(PngWriter.EncodeImage(image, scale), caption);

    /// <summary>An annotated RGB canvas, encoded now as PNG.</summary>
    public static ReportFigure Canvas(RgbCanvas canvas, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        return Png(PngWriter.EncodeCanvas(canvas), caption);
    }

    /// <summary>An SVG document given as text.</summary>
    public static ReportFigure Svg(string svg, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(svg);
        return new(null, svg, caption, null);
    }

    /// <summary>A plot, rendered now.</summary>
    public static ReportFigure Plot(SvgPlot plot, string? caption = null) => Svg(plot.ToSvg(), caption);

    /// <summary>A figure of several plots, rendered now.</summary>
    public static ReportFigure Plot(SvgFigure figure, string? caption = null) => Svg(figure.ToSvg(), caption);
}
