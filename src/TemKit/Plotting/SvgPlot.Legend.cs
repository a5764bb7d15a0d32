using System.Text;
using static TemKit.Plotting.SvgText;

namespace TemKit.Plotting;

public sealed partial class SvgPlot
{
    private const double LegendRow = 18, LegendSample = 24, LegendPad = 8;

    private void RenderLegend(StringBuilder sb, PlotLayout L, double pl, double pt, double pw, double ph)
    {
        var entries = _items.Where(i => i is PointSeries or BarSeries or BandSeries && !string.IsNullOrEmpty(i.Name)).ToList();
        if (entries.Count == 0 || Legend == LegendPosition.None) return;
        double w = entries.Max(e => Width(e.Name, TickFont)) + LegendSample + 3 * LegendPad;
        double h = entries.Count * LegendRow + LegendPad;
        LegendPosition pos = Legend == LegendPosition.Auto ? BestCorner(L, pl, pt, pw, ph, w, h) : Legend;
        double margin = 8;
        double x = pos is LegendPosition.TopLeft or LegendPosition.BottomLeft ? pl + margin : pl + pw - margin - w;
        double y = pos is LegendPosition.TopLeft or LegendPosition.TopRight ? pt + margin : pt + ph - margin - h;

        sb.Append("<g class=\"legend\">\n<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(w))
          .Append("\" height=\"").Append(N(h)).Append("\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.88\" stroke=\"#c8c8c8\" stroke-width=\"0.8\"/>\n");
        for (int k = 0; k < entries.Count; k++)
        {
            double cy = y + LegendPad / 2 + LegendRow * (k + 0.5);
            double sx = x + LegendPad;
            switch (entries[k])
            {
                case PointSeries p:
                    if (p.DrawLine)
                    {
                        sb.Append("<line x1=\"").Append(N(sx)).Append("\" y1=\"").Append(N(cy)).Append("\" x2=\"").Append(N(sx + LegendSample))
                          .Append("\" y2=\"").Append(N(cy)).Append("\" stroke=\"").Append(Escape(p.Color)).Append("\" stroke-width=\"").Append(N(p.LineWidth)).Append('"');
                        if (p.Dashed) sb.Append(" stroke-dasharray=\"").Append(N(4 * p.LineWidth)).Append(' ').Append(N(2.5 * p.LineWidth)).Append('"');
                        sb.Append("/>\n");
                    }
                    if (p.Marker != MarkerShape.None)
                    {
                        sb.Append("<g fill=\"").Append(Escape(p.Color)).Append("\">");
                        Marker(sb, p.Marker, sx + LegendSample / 2, cy, Math.Min(p.MarkerSize, 5), "legend-marker");
                        sb.Append("</g>\n");
                    }
                    break;
                case BarSeries b:
                    sb.Append("<rect x=\"").Append(N(sx + 4)).Append("\" y=\"").Append(N(cy - 5)).Append("\" width=\"").Append(N(LegendSample - 8))
                      .Append("\" height=\"10\" fill=\"").Append(Escape(b.Color)).Append("\" fill-opacity=\"").Append(N(b.Opacity)).Append("\"/>\n");
                    break;
                case BandSeries band:
                    sb.Append("<rect x=\"").Append(N(sx)).Append("\" y=\"").Append(N(cy - 5)).Append("\" width=\"").Append(N(LegendSample))
                      .Append("\" height=\"10\" fill=\"").Append(Escape(band.Color)).Append("\" fill-opacity=\"").Append(N(Math.Max(band.Opacity, 0.25))).Append("\"/>\n");
                    break;
            }
            Text(sb, sx + LegendSample + LegendPad, cy + TickFont * 0.35, entries[k].Name, TickFont, "start", "legend-entry");
        }
        sb.Append("</g>\n");
    }

    /// <summary>The inside corner whose legend box would hide the fewest data points (segments are sampled).</summary>
    private LegendPosition BestCorner(PlotLayout L, double pl, double pt, double pw, double ph, double w, double h)
    {
        LegendPosition[] order = [LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomRight, LegendPosition.BottomLeft];
        var hits = new int[4];
        const double m = 8;
        bool Inside(int c, double x, double y)
        {
            double x0 = c is 1 or 3 ? pl + m : pl + pw - m - w;
            double y0 = c is 0 or 1 ? pt + m : pt + ph - m - h;
            return x >= x0 - 4 && x <= x0 + w + 4 && y >= y0 - 4 && y <= y0 + h + 4;
        }
        void Count(double x, double y)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y)) return;
            for (int c = 0; c < 4; c++) if (Inside(c, x, y)) hits[c]++;
        }
        foreach (var item in _items)
        {
            switch (item)
            {
                case PointSeries p:
                    int stride = Math.Max(1, p.X.Length / 4000);
                    for (int i = 0; i < p.X.Length; i += stride)
                    {
                        double x = L.Px(p.X[i]), y = L.Py(p.Y[i]);
                        Count(x, y);
                        if (p.DrawLine && i + stride < p.X.Length)
                        {
                            double x2 = L.Px(p.X[i + stride]), y2 = L.Py(p.Y[i + stride]);
                            int steps = (int)Math.Min(50, Math.Sqrt((x2 - x) * (x2 - x) + (y2 - y) * (y2 - y)) / 10);
                            for (int s = 1; s < steps; s++) Count(x + (x2 - x) * s / steps, y + (y2 - y) * s / steps);
                        }
                    }
                    break;
                case BarSeries b:
                    for (int i = 0; i < b.Height.Length; i++)
                    {
                        double x = L.Px(0.5 * (b.Left[i] + b.Right[i])), top = L.Py(b.Height[i]);
                        if (!double.IsFinite(top)) continue;
                        for (double y = top; y <= pt + ph; y += 10) Count(x, y);
                    }
                    break;
                case BandSeries band:
                    for (int i = 0; i < band.X.Length; i++) { Count(L.Px(band.X[i]), L.Py(band.Lower[i])); Count(L.Px(band.X[i]), L.Py(band.Upper[i])); }
                    break;
            }
        }
        int best = 0;
        for (int c = 1; c < 4; c++) if (hits[c] < hits[best]) best = c;
        return order[best];
    }
}
