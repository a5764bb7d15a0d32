using System.Globalization;
using System.Text;
using TemKit.IO;
using TemKit.Plotting;

namespace TemKit.Reporting;

/// <summary>
/// A self-contained HTML page (one file, no external resources): headings, paragraphs, tables, PNG
/// images embedded as base64 data URIs and SVG plots inlined, with captions; pictures can sit side by
/// side in a figure row. All text is HTML-escaped. The markup is also well-formed XML (void elements
/// self-closed), so tools can parse it either way. Written atomically by <see cref="Save"/>.
/// </summary>
public sealed partial class HtmlReport
{
    private readonly List<string> _blocks = [];

    /// <summary>A report with <paramref name="title"/> as page title and top heading.</summary>
    public HtmlReport(string title)
    {
        Title = title ?? "";
    }

    /// <summary>Page title and top heading.</summary>
    public string Title { get; }

    /// <summary>Optional line under the title (e.g. the program version and date); plain text.</summary>
    public string? Subtitle { get; set; }

    /// <summary>A section heading; <paramref name="level"/> 2–4 (the title is level 1).</summary>
    public HtmlReport AddHeading(string text, int level = 2)
    {
        level = Math.Clamp(level, 2, 4);
        _blocks.Add($"<h{level}>{Escape(text)}</h{level}>");
        return this;
    }

    /// <summary>A paragraph of plain text (escaped; blank lines are kept as line breaks).</summary>
    public HtmlReport AddParagraph(string text)
    {
        _blocks.Add($"<p>{Escape(text).Replace("\n", "<br/>")}</p>");
        return this;
    }

    /// <summary>A bulleted list of plain-text items.</summary>
    public HtmlReport AddList(IEnumerable<string> items)
    {
        var sb = new StringBuilder("<ul>");
        foreach (string item in items) sb.Append("<li>").Append(Escape(item)).Append("</li>");
        _blocks.Add(sb.Append("</ul>").ToString());
        return this;
    }

    /// <summary>Pre-formatted monospace text (a command line, a log excerpt).</summary>
    public HtmlReport AddCode(string text)
    {
        _blocks.Add($"<pre>{Escape(text)}</pre>");
        return this;
    }

    /// <summary>
    /// A table with a header row. Cells that parse as numbers are right-aligned. <paramref name="rowClasses"/>
    /// gives an optional CSS class per row ("flagged" is styled for outliers, "good" and "muted" too).
    /// </summary>
    public HtmlReport AddTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
        IReadOnlyList<string?>? rowClasses = null, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var body = rows.ToList();
        // A column whose non-empty cells are all numbers gets a right-aligned header as well.
        var numericColumn = new bool[headers.Count];
        for (int c = 0; c < headers.Count; c++)
        {
            int numbers = 0, others = 0;
            foreach (var row in body)
            {
                if (c >= row.Count || string.IsNullOrWhiteSpace(row[c])) continue;
                if (IsNumber(row[c])) numbers++; else others++;
            }
            numericColumn[c] = numbers > 0 && others == 0;
        }
        var sb = new StringBuilder("<div class=\"table-wrap\"><table>");
        if (!string.IsNullOrEmpty(caption)) sb.Append("<caption>").Append(Escape(caption)).Append("</caption>");
        sb.Append("<thead><tr>");
        for (int c = 0; c < headers.Count; c++)
            sb.Append(numericColumn[c] ? "<th class=\"num\">" : "<th>").Append(Escape(headers[c])).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        for (int r = 0; r < body.Count; r++)
        {
            string? cls = rowClasses is not null && r < rowClasses.Count ? rowClasses[r] : null;
            sb.Append(string.IsNullOrWhiteSpace(cls) ? "<tr>" : $"<tr class=\"{Escape(cls)}\">");
            foreach (string cell in body[r])
                sb.Append(IsNumber(cell) ? "<td class=\"num\">" : "<td>").Append(Escape(cell)).Append("</td>");
            sb.Append("</tr>");
        }
        _blocks.Add(sb.Append("</tbody></table></div>").ToString());
        return this;
    }

    /// <summary>A PNG file, read now and embedded as a data URI.</summary>
    public HtmlReport AddPng(string path, string? caption = null) => AddFigure(ReportFigure.PngFile(path, caption));

    /// <summary>PNG bytes embedded as a data URI.</summary>
    public HtmlReport AddPng(byte[] png, string? caption = null) => AddFigure(ReportFigure.Png(png, caption));

    /// <summary>A float image shown in grey (default scale: percentiles 0.5/99.5), embedded as PNG.</summary>
    public HtmlReport AddImage(Imaging.Image2D image, Imaging.Display.DisplayScale? scale = null, string? caption = null) =>
        AddFigure(ReportFigure.Image(image, scale, caption));

    /// <summary>An SVG document inlined in the page.</summary>
    public HtmlReport AddSvg(string svgText, string? caption = null) => AddFigure(ReportFigure.Svg(svgText, caption));

    /// <summary>A plot, rendered now and inlined.</summary>
    public HtmlReport AddPlot(SvgPlot plot, string? caption = null) => AddFigure(ReportFigure.Plot(plot, caption));

    /// <summary>A multi-panel figure, rendered now and inlined.</summary>
    public HtmlReport AddPlot(SvgFigure figure, string? caption = null) => AddFigure(ReportFigure.Plot(figure, caption));

    /// <summary>One picture on its own line.</summary>
    public HtmlReport AddFigure(ReportFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        _blocks.Add(FigureHtml(figure, "figure single"));
        return this;
    }

    /// <summary>Pictures side by side in one row (they wrap on narrow screens), each with its own caption.</summary>
    public HtmlReport AddFigureRow(params ReportFigure[] figures) => AddFigureRow(figures, null);

    /// <summary>Pictures side by side with a caption for the whole row.</summary>
    public HtmlReport AddFigureRow(IReadOnlyList<ReportFigure> figures, string? rowCaption)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var sb = new StringBuilder("<figure class=\"row\"><div class=\"row-items\">");
        foreach (var f in figures) sb.Append(FigureHtml(f, "figure cell"));
        sb.Append("</div>");
        if (!string.IsNullOrEmpty(rowCaption)) sb.Append("<figcaption>").Append(Escape(rowCaption)).Append("</figcaption>");
        _blocks.Add(sb.Append("</figure>").ToString());
        return this;
    }

    /// <summary>Raw HTML, inserted as is (the caller is responsible for escaping).</summary>
    public HtmlReport AddRawHtml(string html)
    {
        _blocks.Add(html ?? "");
        return this;
    }

    /// <summary>How the report was made; when set, a closing section lists the TemKit version, the command line and
    /// every setting.</summary>
    public Provenance? Provenance { get; set; }

    /// <summary>The page as one HTML string.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        sb.Append("<meta name=\"generator\" content=\"TemKit\"/>\n");
        sb.Append("<title>").Append(Escape(Title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        sb.Append("<header><h1>").Append(Escape(Title)).Append("</h1>");
        if (!string.IsNullOrEmpty(Subtitle)) sb.Append("<p class=\"subtitle\">").Append(Escape(Subtitle)).Append("</p>");
        sb.Append("</header>\n");
        foreach (string block in _blocks) sb.Append(block).Append('\n');
        if (Provenance is { } p)
        {
            sb.Append("<h2>How this report was made</h2>\n<p>TemKit ").Append(Escape(p.TemKitVersion)).Append(", ")
              .Append(Escape(p.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture))).Append(".</p>\n");
            sb.Append("<p>Command line:</p>\n<pre>").Append(Escape(p.CommandLine)).Append("</pre>\n");
            sb.Append("<p>All settings:</p>\n<pre>").Append(Escape(System.Text.Json.JsonSerializer.Serialize(p.Settings, s_indented))).Append("</pre>\n");
        }
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static readonly System.Text.Json.JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Writes the page to <paramref name="path"/> atomically (UTF-8).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToHtml());

    /// <summary>HTML-escapes text (&amp;, &lt;, &gt;, quotes); other characters, Å and µ included, stay as UTF-8.</summary>
    public static string Escape(string? text) => Plotting.SvgText.Escape(text);

    private static string FigureHtml(ReportFigure f, string cssClass)
    {
        var sb = new StringBuilder("<figure class=\"").Append(cssClass).Append("\">");
        if (f.PngBytes is not null)
        {
            sb.Append("<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(f.PngBytes)).Append("\" alt=\"")
              .Append(Escape(f.AltText ?? f.Caption ?? "image")).Append("\"/>");
        }
        else
        {
            sb.Append("<div class=\"svg\">").Append(StripXmlDeclaration(f.SvgText!)).Append("</div>");
        }
        if (!string.IsNullOrEmpty(f.Caption)) sb.Append("<figcaption>").Append(Escape(f.Caption)).Append("</figcaption>");
        return sb.Append("</figure>").ToString();
    }

    /// <summary>An inline SVG must not carry an XML declaration (or a DOCTYPE) inside HTML.</summary>
    private static string StripXmlDeclaration(string svg)
    {
        string s = svg.TrimStart();
        if (s.StartsWith("<?xml", StringComparison.Ordinal))
        {
            int end = s.IndexOf("?>", StringComparison.Ordinal);
            if (end >= 0) s = s[(end + 2)..].TrimStart();
        }
        if (s.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            int end = s.IndexOf('>');
            if (end >= 0) s = s[(end + 1)..].TrimStart();
        }
        return s.TrimEnd();
    }

    private static bool IsNumber(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell)) return false;
        string s = cell.Trim().Replace('\u2212', '-').TrimEnd('%');
        int space = s.IndexOf(' ');
        // "12.5 Å", "3.1 ± 0.2" still count as numbers: look at the leading token.
        if (space > 0) s = s[..space];
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || s is "NaN" or "∞" or "-∞";
    }
}
