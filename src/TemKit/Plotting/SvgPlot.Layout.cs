namespace TemKit.Plotting;

/// <summary>Axes and margins (px) of one rendered plot.</summary>
internal sealed record PlotLayout(Axis X, Axis Y, double Left, double Right, double Top, double Bottom, double Width, double Height)
{
    public double PlotWidth => Width - Left - Right;
    public double PlotHeight => Height - Top - Bottom;

    /// <summary>Pixel x of data x (NaN when it cannot be shown, e.g. ≤ 0 on a log axis).</summary>
    public double Px(double x) => Clamp(Left + X.Fraction(x) * PlotWidth);

    /// <summary>Pixel y of data y (NaN when it cannot be shown).</summary>
    public double Py(double y) => Clamp(Top + (1 - Y.Fraction(y)) * PlotHeight);

    // Far-off points are pulled in to ±1e5 px so path data stays short and renderers stay exact.
    private static double Clamp(double v) => double.IsNaN(v) ? v : Math.Clamp(v, -1e5, 1e5);
}

public sealed partial class SvgPlot
{
    internal const double TickFont = 11, LabelFont = 13, TitleFont = 15;

    /// <summary>Chooses axes from the data and margins from the labels; <paramref name="forcedLeft"/> aligns panels of a figure.</summary>
    internal PlotLayout Layout(double width, double height, double? forcedLeft)
    {
        var (xmin, xmax, ymin, ymax) = DataRange();
        double top = string.IsNullOrEmpty(Title) ? 14 : 38;
        double bottom = 12 + TickFont + 8 + (string.IsNullOrEmpty(XLabel) ? 0 : LabelFont + 10);
        int yTarget = Math.Clamp((int)((height - top - bottom) / 55), 3, 10);
        Axis y = LogY ? AxisTicks.Logarithmic(ymin, ymax, YMin, YMax) : AxisTicks.Linear(ymin, ymax, yTarget, YMin, YMax);
        double left = forcedLeft ?? LeftMarginFor(y);
        double right = 18;
        int xTarget = Math.Clamp((int)((width - left - right) / 85), 3, 12);
        Axis x = LogX ? AxisTicks.Logarithmic(xmin, xmax, XMin, XMax) : AxisTicks.Linear(xmin, xmax, xTarget, XMin, XMax);
        if (x.Labels.Count > 0) right = Math.Max(right, SvgText.Width(x.Labels[^1], TickFont) / 2 + 6);
        return new PlotLayout(x, y, left, right, top, bottom, width, height);
    }

    /// <summary>The left margin this plot needs for its y tick labels and y label (px).</summary>
    internal double LeftMarginFor(Axis y)
    {
        double widest = y.Labels.Count == 0 ? 0 : y.Labels.Max(l => SvgText.Width(l, TickFont));
        return 10 + widest + 8 + (string.IsNullOrEmpty(YLabel) ? 0 : LabelFont + 10);
    }

    /// <summary>The left margin this plot would choose at the given height.</summary>
    internal double NaturalLeft(double width, double height) => Layout(width, height, null).Left;

    /// <summary>Finite data extent over everything drawn; NaN ends when there is nothing.</summary>
    private (double XMin, double XMax, double YMin, double YMax) DataRange()
    {
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        void X(double v) { if (Usable(v, LogX)) { x0 = Math.Min(x0, v); x1 = Math.Max(x1, v); } }
        void Y(double v) { if (Usable(v, LogY)) { y0 = Math.Min(y0, v); y1 = Math.Max(y1, v); } }
        foreach (var item in _items)
        {
            switch (item)
            {
                case PointSeries p:
                    for (int i = 0; i < p.X.Length; i++)
                        if (Usable(p.X[i], LogX) && Usable(p.Y[i], LogY)) { X(p.X[i]); Y(p.Y[i]); }
                    break;
                case BarSeries b:
                    for (int i = 0; i < b.Height.Length; i++)
                    {
                        if (!double.IsFinite(b.Height[i])) continue;
                        X(b.Left[i]); X(b.Right[i]); Y(b.Height[i]);
                        if (!LogY) Y(0);
                    }
                    break;
                case BandSeries band:
                    for (int i = 0; i < band.X.Length; i++)
                    {
                        if (!Usable(band.X[i], LogX)) continue;
                        X(band.X[i]); Y(band.Lower[i]); Y(band.Upper[i]);
                    }
                    break;
                case ReferenceLine r:
                    if (r.Vertical) X(r.Value); else Y(r.Value);
                    break;
                case TextNote t:
                    X(t.X); Y(t.Y);
                    break;
            }
        }
        return (Fin(x0), Fin(x1), Fin(y0), Fin(y1));
    }

    private static bool Usable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);

    private static double Fin(double v) => double.IsFinite(v) ? v : double.NaN;
}
