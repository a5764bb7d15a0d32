using System.Globalization;
using System.Xml.Linq;
using TemKit.Plotting;

namespace TemKit.Tests.Output;

public class SvgPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument Parse(string svg) => XDocument.Parse(svg);

    private static IEnumerable<XElement> WithClass(XDocument doc, string cls) =>
        doc.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true);

    private static double ParseLabel(string label) =>
        double.Parse(label.Replace('\u2212', '-'), NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void LinesAndScattersBecomeOnePathOrMarkerGroupEach()
    {
        double[] x = [0, 1, 2, 3, 4];
        var plot = new SvgPlot("Radial profile", "Spatial frequency (1/Å)", "Power (a.u.)");
        plot.AddLine("data", x, [1, 3, 2, 5, 4]);
        plot.AddLine("fit", x, [1.5, 2.5, 3, 4, 4.2], dashed: true);
        plot.AddScatter("peaks", [1.0, 3.0, double.NaN], [3.0, 5.0, 1.0]);
        plot.AddVerticalLine(2.5, "3.2 Å");
        var doc = Parse(plot.ToSvg());

        Assert.Equal(Svg + "svg", doc.Root!.Name);
        Assert.Equal(2, WithClass(doc, "line").Count());
        Assert.Equal(2, WithClass(doc, "marker").Count()); // the NaN point is skipped
        Assert.Single(WithClass(doc, "refline"));
        Assert.Equal("3.2 Å", WithClass(doc, "refline-label").Single().Value);
        Assert.Equal(["data", "fit", "peaks"], WithClass(doc, "legend-entry").Select(e => e.Value));
        Assert.Equal("Spatial frequency (1/Å)", WithClass(doc, "xlabel").Single().Value);
        Assert.Equal("Radial profile", WithClass(doc, "title").Single().Value);
    }

    [Fact]
    public void NaNBreaksALineIntoSubpaths()
    {
        var plot = new SvgPlot();
        plot.AddLine("gappy", [0.0, 1, 2, 3, 4, 5], [1.0, 2, double.NaN, 4, double.PositiveInfinity, 6]);
        string d = (string)WithClass(Parse(plot.ToSvg()), "line").Single().Attribute("d")!;
        Assert.Equal(3, d.Count(c => c == 'M'));
        Assert.Equal(1, d.Count(c => c == 'L'));
    }

    [Fact]
    public void NumbersAreInvariantEvenUnderACommaCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CsvFilesTests.CommaDecimalCulture();
            var plot = new SvgPlot { Width = 333, Height = 211 };
            plot.AddScatter("s", [0.123, 0.456], [1.5, 2.25]);
            var doc = Parse(plot.ToSvg());
            foreach (var c in WithClass(doc, "marker"))
            {
                Assert.DoesNotContain(",", (string)c.Attribute("cx")!);
                double.Parse((string)c.Attribute("cx")!, CultureInfo.InvariantCulture);
            }
            Assert.All(WithClass(doc, "ytick").Select(e => e.Value), l => Assert.DoesNotContain(",", l));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void TextIsEscaped()
    {
        var plot = new SvgPlot("a < b & \"c\"", "x <i>", "y's");
        plot.AddLine("<script>", [0.0, 1], [0.0, 1]);
        plot.AddText(0.5, 0.5, "R² > 0.9 & <ok>");
        var doc = Parse(plot.ToSvg());
        Assert.Equal("a < b & \"c\"", WithClass(doc, "title").Single().Value);
        Assert.Equal("<script>", WithClass(doc, "legend-entry").Single().Value);
        Assert.Equal("R² > 0.9 & <ok>", WithClass(doc, "note").Single().Value);
        Assert.Empty(doc.Descendants(Svg + "script"));
    }

    [Fact]
    public void EmptyPlotStillRendersAxes()
    {
        var doc = Parse(new SvgPlot("nothing yet", "x (px)", "y (px)").ToSvg());
        Assert.Single(WithClass(doc, "frame"));
        Assert.True(WithClass(doc, "xtick").Count() >= 2);
        Assert.Empty(WithClass(doc, "legend"));
        var logDoc = Parse(new SvgPlot { LogX = true, LogY = true }.ToSvg());
        Assert.True(WithClass(logDoc, "ytick").Count() >= 2);
    }

    [Theory]
    [InlineData(0.013, 0.987)]
    [InlineData(-3.7, 12.2)]
    [InlineData(1234, 1301)]
    [InlineData(-0.0042, -0.0011)]
    [InlineData(0, 4.1e7)]
    [InlineData(2e-6, 9e-6)]
    [InlineData(5, 5)]
    public void LinearTicksAreOneTwoFiveStepsCoveringTheRange(double lo, double hi)
    {
        var axis = AxisTicks.Linear(lo, hi, 6);
        Assert.InRange(axis.Ticks.Count, 3, 12);
        Assert.True(axis.Min <= lo && axis.Max >= hi);
        double step = axis.Ticks[1] - axis.Ticks[0];
        double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0 });
        for (int i = 0; i < axis.Ticks.Count; i++)
        {
            Assert.Equal(0, Math.Round(axis.Ticks[i] / step, 6) % 1);
            if (i > 0) Assert.Equal(step, axis.Ticks[i] - axis.Ticks[i - 1], step * 1e-6);
            string label = axis.Labels[i];
            if (!label.Contains('×'))
                Assert.Equal(axis.Ticks[i], ParseLabel(label), step * 1e-6);
        }
        Assert.Equal(axis.Labels.Count, axis.Labels.Distinct().Count());
        Assert.True(axis.Ticks[0] <= lo + step && axis.Ticks[^1] >= hi - step);
    }

    [Fact]
    public void TickLabelsCarryOnlyTheDigitsTheStepNeeds()
    {
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], AxisTicks.Linear(0, 1, 6).Labels);
        Assert.Equal(["\u221220", "\u221210", "0", "10", "20"], AxisTicks.Linear(-17, 18, 5).Labels);
        Assert.Equal("0.3", AxisTicks.Linear(0, 0.31, 5).Labels[3]);
        Assert.Equal("2.5×10⁷", AxisTicks.FormatLinear(2.5e7, 5e6));
    }

    [Fact]
    public void LogTicksAreDecadesLabelledReadably()
    {
        var axis = AxisTicks.Logarithmic(0.003, 4e5);
        Assert.Equal(1e-3, axis.Min, 12);
        Assert.Equal(1e6, axis.Max, 3);
        Assert.Equal(Enumerable.Range(-3, 10).Select(k => Math.Pow(10, k)), axis.Ticks.Select(t => t), new ToleranceComparer(1e-9));
        Assert.Equal("0.001", axis.Labels[0]);
        Assert.Equal("1", axis.Labels[3]);
        Assert.Equal("10⁵", axis.Labels[8]);

        var narrow = AxisTicks.Logarithmic(2, 80);
        Assert.Equal(new double[] { 1, 2, 5, 10, 20, 50, 100 }, narrow.Ticks);
        Assert.Equal(["1", "2", "5", "10", "20", "50", "100"], narrow.Labels);

        var wide = AxisTicks.Logarithmic(1e-12, 1e12);
        Assert.InRange(wide.Ticks.Count, 4, 9);
        Assert.All(wide.Ticks, t => Assert.Equal(0, Math.Log10(t) % 1, 9));
    }

    [Fact]
    public void LogAxesSkipNonPositivePointsAndPlaceDecadesEvenly()
    {
        var plot = new SvgPlot { LogY = true };
        plot.AddScatter("s", [1.0, 2, 3, 4], [10.0, 0, -5, 5000]);
        var doc = Parse(plot.ToSvg());
        Assert.Equal(2, WithClass(doc, "marker").Count());
        var ys = WithClass(doc, "ytick").Select(e => double.Parse((string)e.Attribute("y")!, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(["10", "100", "1000", "10000"], WithClass(doc, "ytick").Select(e => e.Value));
        Assert.Equal(ys[0] - ys[1], ys[1] - ys[2], 1);
    }

    [Fact]
    public void FixedRangesAreRespected()
    {
        var plot = new SvgPlot { XMin = 0, XMax = 0.5, YMin = -1, YMax = 1 };
        plot.AddLine("l", [0.0, 1], [-3.0, 3]);
        var doc = Parse(plot.ToSvg());
        var labels = WithClass(doc, "xtick").Select(e => ParseLabel(e.Value)).ToArray();
        Assert.Equal(0, labels.First(), 9);
        Assert.Equal(0.5, labels.Last(), 9);
        Assert.Equal(-1, ParseLabel(WithClass(doc, "ytick").First().Value), 9);
    }

    [Fact]
    public void HistogramDrawsOneBarPerBin()
    {
        var plot = new SvgPlot("Defocus", "Defocus (µm)", "Micrographs");
        plot.AddHistogram("counts", [0.5, 1.0, 1.5, 2.0, 2.5], [3.0, 7, 0, 2]);
        plot.AddHistogramOfValues("values", [1.1, 1.2, 1.9, double.NaN, 2.2], bins: 3);
        plot.AddBars("bars", [1.0, 2, 3], [5.0, 6, 7]);
        var doc = Parse(plot.ToSvg());
        Assert.Equal(4 + 3 + 3, WithClass(doc, "bar").Count());
        Assert.Throws<ArgumentException>(() => plot.AddHistogram("bad", [0.0, 1], [1.0, 2]));
    }

    [Fact]
    public void FigureStacksPanelsWithAlignedPlotAreasAndUniqueIds()
    {
        var a = new SvgPlot("A", "x", "y");
        a.AddLine("a", [0.0, 1], [0.0, 1]);
        var b = new SvgPlot("B", "x", "y (large numbers)");
        b.AddLine("b", [0.0, 1], [0.0, 123456]);
        var c = new SvgPlot("C");
        c.AddScatter("c", [0.0, 1], [5.0, 6]);
        var figure = new SvgFigure(a, b, c) { Title = "Three panels", PanelLabels = true };
        var doc = Parse(figure.ToSvg());
        Assert.Equal(3, WithClass(doc, "plot").Count());
        var frames = WithClass(doc, "frame").ToArray();
        Assert.Equal(3, frames.Length);
        Assert.Single(frames.Select(f => (string)f.Attribute("x")!).Distinct());
        Assert.Single(frames.Select(f => (string)f.Attribute("width")!).Distinct());
        var ids = doc.Descendants(Svg + "clipPath").Select(e => (string)e.Attribute("id")!).ToArray();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(["(a)", "(b)", "(c)"], WithClass(doc, "panel-label").Select(e => e.Value));

        string otherIds = (string)Parse(a.ToSvg()).Descendants(Svg + "clipPath").Single().Attribute("id")!;
        Assert.DoesNotContain(otherIds, ids);
        Assert.Equal(a.ToSvg(), a.ToSvg());

        var grid = new SvgFigure(a, b, c) { Columns = 2 };
        var gdoc = Parse(grid.ToSvg());
        Assert.Equal(2 * 640.0, double.Parse((string)gdoc.Root!.Attribute("width")!, CultureInfo.InvariantCulture));
        Assert.Equal(2 * 400.0, double.Parse((string)gdoc.Root!.Attribute("height")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AcceptsArraysSpansFloatsAndLists()
    {
        var plot = new SvgPlot();
        double[] xd = [0, 1, 2];
        float[] xf = [0, 1, 2];
        List<double> xl = [0, 1, 2];
        plot.AddLine("array", xd, xd);
        plot.AddLine("span", xd.AsSpan(1), xd.AsSpan(1));
        plot.AddLine("float", xf, xf);
        plot.AddLine("list", xl, xl.Select(v => v * 2));
        plot.AddScatter("list", xl, xl);
        var doc = Parse(plot.ToSvg());
        Assert.Equal(4, WithClass(doc, "line").Count());
        Assert.Equal(3, WithClass(doc, "marker").Count());
    }

    [Fact]
    public void SaveWritesTheSameDocument()
    {
        string dir = PngTests.TempDir();
        var plot = new SvgPlot("t");
        plot.AddLine("l", [0.0, 1], [1.0, 0]);
        string path = Path.Combine(dir, "p.svg");
        plot.Save(path);
        Assert.Equal(plot.ToSvg(), File.ReadAllText(path));
    }

    private sealed class ToleranceComparer(double relative) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= relative * Math.Max(Math.Abs(x), Math.Abs(y));
        public int GetHashCode(double obj) => 0;
    }
}
