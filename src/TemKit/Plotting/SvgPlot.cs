using TemKit.IO;

namespace TemKit.Plotting;

/// <summary>
/// A 2D chart written as standalone SVG: lines, scatter markers, bars and histograms, bands,
/// reference lines and text notes, with 1-2-5 ticks, optional log axes, grid and legend.
/// Put units in the axis labels ("Spatial frequency (1/Å)"). Points with NaN or ±∞ (or ≤ 0 on a
/// log axis) are skipped and break lines; a plot without data still renders its frame and labels.
/// </summary>
public sealed partial class SvgPlot
{
    private readonly List<PlotItem> _items = [];
    private int _colorIndex;

    /// <summary>An empty plot.</summary>
    public SvgPlot(string? title = null, string? xLabel = null, string? yLabel = null)
    {
        Title = title;
        XLabel = xLabel;
        YLabel = yLabel;
    }

    /// <summary>Title above the plot.</summary>
    public string? Title { get; set; }

    /// <summary>X axis label, with units.</summary>
    public string? XLabel { get; set; }

    /// <summary>Y axis label, with units.</summary>
    public string? YLabel { get; set; }

    /// <summary>Logarithmic x axis (base 10).</summary>
    public bool LogX { get; set; }

    /// <summary>Logarithmic y axis (base 10).</summary>
    public bool LogY { get; set; }

    /// <summary>Fixed lower end of the x axis (data units); automatic when null.</summary>
    public double? XMin { get; set; }

    /// <summary>Fixed upper end of the x axis (data units); automatic when null.</summary>
    public double? XMax { get; set; }

    /// <summary>Fixed lower end of the y axis (data units); automatic when null.</summary>
    public double? YMin { get; set; }

    /// <summary>Fixed upper end of the y axis (data units); automatic when null.</summary>
    public double? YMax { get; set; }

    /// <summary>Width of the whole image in px (a figure overrides it with its panel width).</summary>
    public int Width { get; set; } = 640;

    /// <summary>Height of the whole image in px.</summary>
    public int Height { get; set; } = 400;

    /// <summary>Where the legend goes (only series with a non-empty name are listed).</summary>
    public LegendPosition Legend { get; set; } = LegendPosition.Auto;

    /// <summary>Light grid lines at the major ticks.</summary>
    public bool Grid { get; set; } = true;

    /// <summary>Number of series and annotations added so far.</summary>
    public int ItemCount => _items.Count;

    /// <summary>A line through the points (x, y), in order.</summary>
    public SvgPlot AddLine(string name, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, string? color = null,
        double width = 1.75, bool dashed = false, MarkerShape marker = MarkerShape.None)
    {
        CheckLengths(xs.Length, ys.Length);
        _items.Add(new PointSeries(name ?? "", xs.ToArray(), ys.ToArray(), color ?? NextColor(), width, dashed, marker, 3.5, DrawLine: true));
        return this;
    }

    /// <summary>A line through float points (converted to double).</summary>
    public SvgPlot AddLine(string name, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, string? color = null,
        double width = 1.75, bool dashed = false, MarkerShape marker = MarkerShape.None) =>
        AddLine(name, ToDouble(xs), ToDouble(ys), color, width, dashed, marker);

    /// <summary>A line through points given as sequences (lists, LINQ results).</summary>
    public SvgPlot AddLine(string name, IEnumerable<double> xs, IEnumerable<double> ys, string? color = null,
        double width = 1.75, bool dashed = false, MarkerShape marker = MarkerShape.None) =>
        AddLine(name, xs.ToArray().AsSpan(), ys.ToArray().AsSpan(), color, width, dashed, marker);

    /// <summary>A line through y values at x = 0, 1, 2, ...</summary>
    public SvgPlot AddLine(string name, ReadOnlySpan<double> ys, string? color = null, double width = 1.75, bool dashed = false)
    {
        var xs = new double[ys.Length];
        for (int i = 0; i < xs.Length; i++) xs[i] = i;
        return AddLine(name, xs, ys, color, width, dashed);
    }

    /// <summary>Markers at the points (x, y); <paramref name="size"/> is the marker radius in px.</summary>
    public SvgPlot AddScatter(string name, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, string? color = null,
        MarkerShape marker = MarkerShape.Circle, double size = 3)
    {
        CheckLengths(xs.Length, ys.Length);
        _items.Add(new PointSeries(name ?? "", xs.ToArray(), ys.ToArray(), color ?? NextColor(), 1, false,
            marker == MarkerShape.None ? MarkerShape.Circle : marker, size, DrawLine: false));
        return this;
    }

    /// <summary>Markers at float points (converted to double).</summary>
    public SvgPlot AddScatter(string name, ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, string? color = null,
        MarkerShape marker = MarkerShape.Circle, double size = 3) =>
        AddScatter(name, ToDouble(xs), ToDouble(ys), color, marker, size);

    /// <summary>Markers at points given as sequences (lists, LINQ results).</summary>
    public SvgPlot AddScatter(string name, IEnumerable<double> xs, IEnumerable<double> ys, string? color = null,
        MarkerShape marker = MarkerShape.Circle, double size = 3) =>
        AddScatter(name, xs.ToArray().AsSpan(), ys.ToArray().AsSpan(), color, marker, size);

    /// <summary>Bars of height <paramref name="heights"/> centred on <paramref name="xs"/>; width defaults to 80 % of the smallest x spacing.</summary>
    public SvgPlot AddBars(string name, ReadOnlySpan<double> xs, ReadOnlySpan<double> heights, double? barWidth = null, string? color = null)
    {
        CheckLengths(xs.Length, heights.Length);
        double w = barWidth ?? DefaultBarWidth(xs);
        var left = new double[xs.Length];
        var right = new double[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            left[i] = xs[i] - w / 2;
            right[i] = xs[i] + w / 2;
        }
        _items.Add(new BarSeries(name ?? "", left, right, heights.ToArray(), color ?? NextColor(), 0.85, IsHistogram: false));
        return this;
    }

    /// <summary>A histogram: <paramref name="counts"/>[i] is drawn over [<paramref name="edges"/>[i], <paramref name="edges"/>[i + 1]].</summary>
    public SvgPlot AddHistogram(string name, ReadOnlySpan<double> edges, ReadOnlySpan<double> counts, string? color = null)
    {
        if (counts.Length == 0 && edges.Length <= 1) return AddEmptyHistogram(name, color);
        if (edges.Length != counts.Length + 1)
            throw new ArgumentException($"a histogram needs one more edge than counts ({edges.Length} edges, {counts.Length} counts)", nameof(edges));
        _items.Add(new BarSeries(name ?? "", edges[..^1].ToArray(), edges[1..].ToArray(), counts.ToArray(), color ?? NextColor(), 0.75, IsHistogram: true));
        return this;
    }

    /// <summary>A histogram of <paramref name="values"/> in <paramref name="bins"/> equal bins over their finite range.</summary>
    public SvgPlot AddHistogramOfValues(string name, ReadOnlySpan<double> values, int bins = 50, string? color = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in values)
            if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (lo > hi) return AddEmptyHistogram(name, color);
        if (hi == lo) { lo -= 0.5; hi += 0.5; }
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = lo + (hi - lo) * i / bins;
        var counts = new double[bins];
        foreach (double v in values)
            if (double.IsFinite(v)) counts[Math.Min(bins - 1, (int)((v - lo) / (hi - lo) * bins))]++;
        return AddHistogram(name, edges, counts, color);
    }

    /// <summary>A shaded band between <paramref name="lower"/> and <paramref name="upper"/> (e.g. ±1σ around a fit).</summary>
    public SvgPlot AddBand(string name, ReadOnlySpan<double> xs, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, string? color = null, double opacity = 0.2)
    {
        CheckLengths(xs.Length, lower.Length);
        CheckLengths(xs.Length, upper.Length);
        _items.Add(new BandSeries(name ?? "", xs.ToArray(), lower.ToArray(), upper.ToArray(), color ?? NextColor(), opacity));
        return this;
    }

    /// <summary>A vertical line across the plot at <paramref name="x"/> (data units), labelled near the top.</summary>
    public SvgPlot AddVerticalLine(double x, string? label = null, string color = "#555555", bool dashed = true)
    {
        _items.Add(new ReferenceLine(label ?? "", x, Vertical: true, color, dashed));
        return this;
    }

    /// <summary>A horizontal line across the plot at <paramref name="y"/> (data units), labelled at the right end.</summary>
    public SvgPlot AddHorizontalLine(double y, string? label = null, string color = "#555555", bool dashed = true)
    {
        _items.Add(new ReferenceLine(label ?? "", y, Vertical: false, color, dashed));
        return this;
    }

    /// <summary>Text at data point (x, y); <paramref name="anchor"/> is "start", "middle" or "end".</summary>
    public SvgPlot AddText(double x, double y, string text, string color = "#222222", string anchor = "start")
    {
        if (anchor is not ("start" or "middle" or "end")) throw new ArgumentException("anchor is start, middle or end", nameof(anchor));
        _items.Add(new TextNote(text ?? "", x, y, color, anchor));
        return this;
    }

    /// <summary>The plot as a standalone SVG document.</summary>
    public string ToSvg()
    {
        var sb = new System.Text.StringBuilder();
        SvgDocument.Open(sb, Width, Height);
        Render(sb, 0, 0, Width, Height, Layout(Width, Height, null), null);
        return SvgDocument.Close(sb);
    }

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToSvg());

    private string NextColor() => Palette.Color(_colorIndex++);

    private static void CheckLengths(int nx, int ny)
    {
        if (nx != ny) throw new ArgumentException($"x has {nx} values, y has {ny}");
    }

    private static double[] ToDouble(ReadOnlySpan<float> v)
    {
        var d = new double[v.Length];
        for (int i = 0; i < v.Length; i++) d[i] = v[i];
        return d;
    }

    private SvgPlot AddEmptyHistogram(string name, string? color)
    {
        _items.Add(new BarSeries(name ?? "", [], [], [], color ?? NextColor(), 0.75, IsHistogram: true));
        return this;
    }

    private static double DefaultBarWidth(ReadOnlySpan<double> xs)
    {
        double[] sorted = xs.ToArray().Where(double.IsFinite).Order().ToArray();
        double gap = double.PositiveInfinity;
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] > sorted[i - 1]) gap = Math.Min(gap, sorted[i] - sorted[i - 1]);
        return double.IsFinite(gap) ? 0.8 * gap : 0.8;
    }
}
