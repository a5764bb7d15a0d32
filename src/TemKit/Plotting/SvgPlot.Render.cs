using System.Text;
using static TemKit.Plotting.SvgText;

namespace TemKit.Plotting;

public sealed partial class SvgPlot
{
    private const string AxisColor = "#333333", GridColor = "#e6e6e6", MinorGridColor = "#f3f3f3", TextColor = "#222222";

    /// <summary>Writes the plot as a group translated to (<paramref name="ox"/>, <paramref name="oy"/>).</summary>
    internal void Render(StringBuilder sb, double ox, double oy, double width, double height, PlotLayout layout, string? panelLabel, int panel = 0)
    {
        string clipId = $"{SvgDocument.IdPlaceholder}-p{panel}-clip";
        var L = layout;
        double pl = L.Left, pt = L.Top, pw = Math.Max(1, L.PlotWidth), ph = Math.Max(1, L.PlotHeight);
        sb.Append("<g class=\"plot\" transform=\"translate(").Append(N(ox)).Append(',').Append(N(oy)).Append(")\">\n");
        sb.Append("<defs><clipPath id=\"").Append(clipId).Append("\"><rect x=\"").Append(N(pl)).Append("\" y=\"").Append(N(pt))
          .Append("\" width=\"").Append(N(pw)).Append("\" height=\"").Append(N(ph)).Append("\"/></clipPath></defs>\n");

        if (!string.IsNullOrEmpty(Title))
            Text(sb, pl + pw / 2, 24, Title, TitleFont, "middle", "title", weight: "600");
        if (!string.IsNullOrEmpty(panelLabel))
            Text(sb, 8, 24, panelLabel, TitleFont, "start", "panel-label", weight: "700");

        RenderGridAndTicks(sb, L, pl, pt, pw, ph);

        sb.Append("<g class=\"data\" clip-path=\"url(#").Append(clipId).Append(")\">\n");
        foreach (var item in _items.OfType<BandSeries>()) RenderBand(sb, L, item);
        foreach (var item in _items.OfType<BarSeries>()) RenderBars(sb, L, item);
        foreach (var item in _items.OfType<PointSeries>()) RenderPoints(sb, L, item);
        foreach (var item in _items.OfType<ReferenceLine>()) RenderReference(sb, L, item, pl, pt, pw, ph);
        sb.Append("</g>\n");

        sb.Append("<rect class=\"frame\" x=\"").Append(N(pl)).Append("\" y=\"").Append(N(pt)).Append("\" width=\"").Append(N(pw))
          .Append("\" height=\"").Append(N(ph)).Append("\" fill=\"none\" stroke=\"").Append(AxisColor).Append("\" stroke-width=\"1\"/>\n");

        foreach (var item in _items.OfType<ReferenceLine>()) RenderReferenceLabel(sb, L, item, pl, pt, pw, ph);
        foreach (var note in _items.OfType<TextNote>())
        {
            double x = L.Px(note.X), y = L.Py(note.Y);
            if (double.IsFinite(x) && double.IsFinite(y))
                Text(sb, x, y, note.Text, TickFont + 1, note.Anchor, "note", fill: note.Color, halo: true);
        }

        if (!string.IsNullOrEmpty(XLabel))
            Text(sb, pl + pw / 2, height - 10, XLabel, LabelFont, "middle", "xlabel");
        if (!string.IsNullOrEmpty(YLabel))
        {
            double cx = 14 + LabelFont / 2, cy = pt + ph / 2;
            sb.Append("<text class=\"ylabel\" x=\"").Append(N(cx)).Append("\" y=\"").Append(N(cy)).Append("\" font-size=\"").Append(N(LabelFont))
              .Append("\" fill=\"").Append(TextColor).Append("\" text-anchor=\"middle\" dominant-baseline=\"central\" transform=\"rotate(-90 ")
              .Append(N(cx)).Append(' ').Append(N(cy)).Append(")\">").Append(Escape(YLabel)).Append("</text>\n");
        }
        RenderLegend(sb, L, pl, pt, pw, ph);
        sb.Append("</g>\n");
    }

    private void RenderGridAndTicks(StringBuilder sb, PlotLayout L, double pl, double pt, double pw, double ph)
    {
        double bottom = pt + ph;
        sb.Append("<g class=\"grid\" stroke-width=\"1\" fill=\"none\">\n");
        if (Grid)
        {
            if (L.X.Log) foreach (double t in L.X.MinorTicks) VLine(sb, L.Px(t), pt, bottom, MinorGridColor);
            if (L.Y.Log) foreach (double t in L.Y.MinorTicks) HLine(sb, L.Py(t), pl, pl + pw, MinorGridColor);
            foreach (double t in L.X.Ticks) VLine(sb, L.Px(t), pt, bottom, GridColor);
            foreach (double t in L.Y.Ticks) HLine(sb, L.Py(t), pl, pl + pw, GridColor);
        }
        sb.Append("</g>\n<g class=\"ticks\" stroke=\"").Append(AxisColor).Append("\" stroke-width=\"1\">\n");
        foreach (double t in L.X.MinorTicks) VLine(sb, L.Px(t), bottom, bottom + 3, null);
        foreach (double t in L.Y.MinorTicks) HLine(sb, L.Py(t), pl - 3, pl, null);
        foreach (double t in L.X.Ticks) VLine(sb, L.Px(t), bottom, bottom + 5, null);
        foreach (double t in L.Y.Ticks) HLine(sb, L.Py(t), pl - 5, pl, null);
        sb.Append("</g>\n");
        for (int i = 0; i < L.X.Ticks.Count; i++)
            Text(sb, L.Px(L.X.Ticks[i]), bottom + 8 + TickFont, L.X.Labels[i], TickFont, "middle", "xtick");
        for (int i = 0; i < L.Y.Ticks.Count; i++)
            Text(sb, pl - 8, L.Py(L.Y.Ticks[i]) + TickFont * 0.35, L.Y.Labels[i], TickFont, "end", "ytick");
    }

    private static void RenderPoints(StringBuilder sb, PlotLayout L, PointSeries s)
    {
        if (s.DrawLine)
        {
            var d = new StringBuilder();
            bool pen = false;
            for (int i = 0; i < s.X.Length; i++)
            {
                double x = L.Px(s.X[i]), y = L.Py(s.Y[i]);
                if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) { pen = false; continue; }
                d.Append(pen ? 'L' : 'M').Append(N(x)).Append(' ').Append(N(y));
                pen = true;
            }
            sb.Append("<path class=\"series line\" data-name=\"").Append(Escape(s.Name)).Append("\" d=\"").Append(d).Append("\" fill=\"none\" stroke=\"")
              .Append(Escape(s.Color)).Append("\" stroke-width=\"").Append(N(s.LineWidth)).Append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
            if (s.Dashed) sb.Append(" stroke-dasharray=\"").Append(N(4 * s.LineWidth)).Append(' ').Append(N(2.5 * s.LineWidth)).Append('"');
            sb.Append("/>\n");
        }
        if (s.Marker == MarkerShape.None) return;
        sb.Append("<g class=\"series scatter\" data-name=\"").Append(Escape(s.Name)).Append("\" fill=\"").Append(Escape(s.Color))
          .Append("\" fill-opacity=\"0.85\" stroke=\"#ffffff\" stroke-width=\"0.6\">\n");
        for (int i = 0; i < s.X.Length; i++)
        {
            double x = L.Px(s.X[i]), y = L.Py(s.Y[i]);
            if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) continue;
            Marker(sb, s.Marker, x, y, s.MarkerSize);
        }
        sb.Append("</g>\n");
    }

    private void RenderBars(StringBuilder sb, PlotLayout L, BarSeries s)
    {
        double baseline = LogY ? L.Y.Min : Math.Clamp(0, L.Y.Min, L.Y.Max);
        double py0 = L.Py(baseline);
        bool thin = s.Left.Length > 0 && (L.Px(s.Right[0]) - L.Px(s.Left[0])) < 4;
        sb.Append("<g class=\"series bars\" data-name=\"").Append(Escape(s.Name)).Append("\" fill=\"").Append(Escape(s.Color))
          .Append("\" fill-opacity=\"").Append(N(s.Opacity)).Append('"');
        if (!thin) sb.Append(" stroke=\"#ffffff\" stroke-width=\"").Append(s.IsHistogram ? "0.5" : "0").Append('"');
        sb.Append(">\n");
        for (int i = 0; i < s.Height.Length; i++)
        {
            double x0 = L.Px(s.Left[i]), x1 = L.Px(s.Right[i]), y = L.Py(s.Height[i]);
            if (!double.IsFinite(x0) || !double.IsFinite(x1) || !double.IsFinite(y) || !double.IsFinite(s.Height[i])) continue;
            double top = Math.Min(y, py0), h = Math.Abs(py0 - y);
            sb.Append("<rect class=\"bar\" x=\"").Append(N(Math.Min(x0, x1))).Append("\" y=\"").Append(N(top)).Append("\" width=\"")
              .Append(N(Math.Abs(x1 - x0))).Append("\" height=\"").Append(N(h)).Append("\"/>\n");
        }
        sb.Append("</g>\n");
    }

    private static void RenderBand(StringBuilder sb, PlotLayout L, BandSeries s)
    {
        sb.Append("<g class=\"series band\" data-name=\"").Append(Escape(s.Name)).Append("\" fill=\"").Append(Escape(s.Color))
          .Append("\" fill-opacity=\"").Append(N(s.Opacity)).Append("\" stroke=\"none\">\n");
        int i = 0;
        while (i < s.X.Length)
        {
            var run = new List<(double X, double Lo, double Hi)>();
            for (; i < s.X.Length; i++)
            {
                double x = L.Px(s.X[i]), lo = L.Py(s.Lower[i]), hi = L.Py(s.Upper[i]);
                if (!double.IsFinite(x) || !double.IsFinite(lo) || !double.IsFinite(hi) || !double.IsFinite(s.Lower[i]) || !double.IsFinite(s.Upper[i])) { i++; break; }
                run.Add((x, lo, hi));
            }
            if (run.Count < 2) continue;
            sb.Append("<path d=\"M");
            for (int k = 0; k < run.Count; k++) sb.Append(k == 0 ? "" : "L").Append(N(run[k].X)).Append(' ').Append(N(run[k].Hi));
            for (int k = run.Count - 1; k >= 0; k--) sb.Append('L').Append(N(run[k].X)).Append(' ').Append(N(run[k].Lo));
            sb.Append("Z\"/>\n");
        }
        sb.Append("</g>\n");
    }

    private static void RenderReference(StringBuilder sb, PlotLayout L, ReferenceLine r, double pl, double pt, double pw, double ph)
    {
        double v = r.Vertical ? L.Px(r.Value) : L.Py(r.Value);
        if (!double.IsFinite(v) || !double.IsFinite(r.Value)) return;
        sb.Append("<line class=\"refline\" ");
        if (r.Vertical) sb.Append("x1=\"").Append(N(v)).Append("\" y1=\"").Append(N(pt)).Append("\" x2=\"").Append(N(v)).Append("\" y2=\"").Append(N(pt + ph));
        else sb.Append("x1=\"").Append(N(pl)).Append("\" y1=\"").Append(N(v)).Append("\" x2=\"").Append(N(pl + pw)).Append("\" y2=\"").Append(N(v));
        sb.Append("\" stroke=\"").Append(Escape(r.Color)).Append("\" stroke-width=\"1.25\"");
        if (r.Dashed) sb.Append(" stroke-dasharray=\"5 4\"");
        sb.Append("/>\n");
    }

    private static void RenderReferenceLabel(StringBuilder sb, PlotLayout L, ReferenceLine r, double pl, double pt, double pw, double ph)
    {
        if (string.IsNullOrEmpty(r.Name) || !double.IsFinite(r.Value)) return;
        double v = r.Vertical ? L.Px(r.Value) : L.Py(r.Value);
        if (!double.IsFinite(v) || v < (r.Vertical ? pl : pt) - 0.5 || v > (r.Vertical ? pl + pw : pt + ph) + 0.5) return;
        if (r.Vertical)
        {
            bool leftSide = v > pl + pw - Width(r.Name, TickFont) - 8;
            Text(sb, leftSide ? v - 4 : v + 4, pt + TickFont + 4, r.Name, TickFont, leftSide ? "end" : "start", "refline-label", fill: r.Color, halo: true);
        }
        else Text(sb, pl + pw - 4, v - 4, r.Name, TickFont, "end", "refline-label", fill: r.Color, halo: true);
    }

    private static void Marker(StringBuilder sb, MarkerShape shape, double x, double y, double r, string cssClass = "marker")
    {
        switch (shape)
        {
            case MarkerShape.Square:
                sb.Append("<rect class=\"").Append(cssClass).Append("\" x=\"").Append(N(x - r)).Append("\" y=\"").Append(N(y - r)).Append("\" width=\"")
                  .Append(N(2 * r)).Append("\" height=\"").Append(N(2 * r)).Append("\"/>\n");
                break;
            case MarkerShape.Diamond:
                double d = r * 1.3;
                sb.Append("<path class=\"").Append(cssClass).Append("\" d=\"M").Append(N(x)).Append(' ').Append(N(y - d)).Append('L').Append(N(x + d)).Append(' ').Append(N(y))
                  .Append('L').Append(N(x)).Append(' ').Append(N(y + d)).Append('L').Append(N(x - d)).Append(' ').Append(N(y)).Append("Z\"/>\n");
                break;
            case MarkerShape.Triangle:
                double t = r * 1.35;
                sb.Append("<path class=\"").Append(cssClass).Append("\" d=\"M").Append(N(x)).Append(' ').Append(N(y - t)).Append('L').Append(N(x + t * 0.866)).Append(' ')
                  .Append(N(y + t * 0.5)).Append('L').Append(N(x - t * 0.866)).Append(' ').Append(N(y + t * 0.5)).Append("Z\"/>\n");
                break;
            default:
                sb.Append("<circle class=\"").Append(cssClass).Append("\" cx=\"").Append(N(x)).Append("\" cy=\"").Append(N(y)).Append("\" r=\"").Append(N(r)).Append("\"/>\n");
                break;
        }
    }

    private static void VLine(StringBuilder sb, double x, double y0, double y1, string? color)
    {
        if (!double.IsFinite(x)) return;
        sb.Append("<line x1=\"").Append(N(x)).Append("\" y1=\"").Append(N(y0)).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(N(y1)).Append('"');
        if (color is not null) sb.Append(" stroke=\"").Append(color).Append('"');
        sb.Append("/>\n");
    }

    private static void HLine(StringBuilder sb, double y, double x0, double x1, string? color)
    {
        if (!double.IsFinite(y)) return;
        sb.Append("<line x1=\"").Append(N(x0)).Append("\" y1=\"").Append(N(y)).Append("\" x2=\"").Append(N(x1)).Append("\" y2=\"").Append(N(y)).Append('"');
        if (color is not null) sb.Append(" stroke=\"").Append(color).Append('"');
        sb.Append("/>\n");
    }

    internal static void Text(StringBuilder sb, double x, double y, string text, double size, string anchor, string cssClass,
        string fill = TextColor, string? weight = null, bool halo = false)
    {
        sb.Append("<text class=\"").Append(cssClass).Append("\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" font-size=\"")
          .Append(N(size)).Append("\" fill=\"").Append(Escape(fill)).Append("\" text-anchor=\"").Append(anchor).Append('"');
        if (weight is not null) sb.Append(" font-weight=\"").Append(weight).Append('"');
        if (halo) sb.Append(" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        sb.Append('>').Append(Escape(text)).Append("</text>\n");
    }
}
