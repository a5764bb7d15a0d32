using System.Xml;
using System.Xml.Linq;
using TemKit.IO.Png;
using TemKit.Plotting;
using TemKit.Reporting;

namespace TemKit.Tests.Output;

public class HtmlReportTests
{
    private static readonly XNamespace H = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument ParseHtml(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    [Fact]
    public void ReportEmbedsPngsInlinesSvgsAndEscapesText()
    {
        byte[] png = PngWriter.EncodeGray8([0, 64, 128, 255], 2, 2);
        var plot = new SvgPlot("Profile", "Frequency (1/Å)", "Power");
        plot.AddLine("p", [0.0, 1, 2], [3.0, 1, 2]);
        var report = new HtmlReport("Defocus <report> & co") { Subtitle = "TemKit test" };
        report.AddHeading("Summary")
              .AddParagraph("Mean defocus 1.23 µm; <b>not bold</b>")
              .AddTable(["file", "defocus (Å)", "resolution (Å)"],
                  [["a.mrc", "12345.6", "3.2"], ["b<1>.mrc", "−250", "n/a"]], rowClasses: [null, "flagged"])
              .AddPng(png, "Raw image")
              .AddSvg(plot.ToSvg(), "Radial profile")
              .AddFigureRow(ReportFigure.Png(png, "raw"), ReportFigure.Png(png, "power spectrum"), ReportFigure.Plot(plot, "profile"));
        string html = report.ToHtml();
        var doc = ParseHtml(html);

        Assert.Equal("Defocus <report> & co", doc.Descendants(H + "title").Single().Value);
        Assert.Contains("&lt;b&gt;not bold&lt;/b&gt;", html);
        Assert.Empty(doc.Descendants(H + "b"));

        var imgs = doc.Descendants(H + "img").ToArray();
        Assert.Equal(3, imgs.Length);
        string src = (string)imgs[0].Attribute("src")!;
        Assert.StartsWith("data:image/png;base64,", src);
        Assert.Equal(png, Convert.FromBase64String(src["data:image/png;base64,".Length..]));

        Assert.Equal(2, doc.Descendants(Svg + "svg").Count());
        Assert.DoesNotContain("<?xml", html);

        var rows = doc.Descendants(H + "tbody").Single().Elements(H + "tr").ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal("flagged", (string?)rows[1].Attribute("class"));
        Assert.Null(rows[0].Attribute("class"));
        Assert.Equal(["num", "num"], rows[0].Elements(H + "td").Skip(1).Select(td => (string?)td.Attribute("class")));
        Assert.Equal("num", (string?)rows[1].Elements(H + "td").ElementAt(1).Attribute("class"));
        Assert.Null(rows[1].Elements(H + "td").ElementAt(2).Attribute("class"));
        Assert.Equal("b<1>.mrc", rows[1].Elements(H + "td").First().Value);

        var row = doc.Descendants(H + "figure").Single(f => (string?)f.Attribute("class") == "row");
        Assert.Equal(["raw", "power spectrum", "profile"], row.Descendants(H + "figcaption").Select(c => c.Value));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", ""));
    }

    [Fact]
    public void SaveWritesAtomicallyAndAddPngReadsTheFile()
    {
        string dir = PngTests.TempDir();
        string pngPath = Path.Combine(dir, "i.png");
        PngWriter.WriteRgb8(pngPath, [255, 0, 0], 1, 1);
        var report = new HtmlReport("r");
        report.AddPng(pngPath, "one red pixel");
        string path = Path.Combine(dir, "report.html");
        report.Save(path);
        string html = File.ReadAllText(path);
        Assert.Equal(report.ToHtml(), html);
        Assert.Contains(Convert.ToBase64String(File.ReadAllBytes(pngPath)), html);
        Assert.Equal(["i.png", "report.html"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }
}
