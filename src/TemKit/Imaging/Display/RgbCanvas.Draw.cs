namespace TemKit.Imaging.Display;

public sealed partial class RgbCanvas
{
    /// <summary>A straight line of <paramref name="thickness"/> pixels from (x0, y0) to (x1, y1).</summary>
    public void DrawLine(double x0, double y0, double x1, double y1, RgbColor color, double thickness = 1, double alpha = 1) =>
        DrawPolyline([x0, x1], [y0, y1], color, thickness, alpha);

    /// <summary>A circle of radius <paramref name="radiusPixels"/> centred on (cx, cy).</summary>
    public void DrawCircle(double cx, double cy, double radiusPixels, RgbColor color, double thickness = 1, double alpha = 1) =>
        DrawEllipse(cx, cy, radiusPixels, radiusPixels, 0, color, thickness, alpha);

    /// <summary>
    /// An ellipse (or an arc of it) centred on (cx, cy) with semi-axes <paramref name="semiAxisA"/> along
    /// the direction <paramref name="rotationDegrees"/> and <paramref name="semiAxisB"/> perpendicular to it
    /// (pixels). The arc runs counter-clockwise on screen from <paramref name="startDegrees"/> to
    /// <paramref name="endDegrees"/>, measured from the +x axis; e.g. −90..90 draws the right half, which
    /// is how fitted Thon rings are shown on one half of a power spectrum.
    /// </summary>
    public void DrawEllipse(double cx, double cy, double semiAxisA, double semiAxisB, double rotationDegrees, RgbColor color,
        double thickness = 1, double alpha = 1, double startDegrees = 0, double endDegrees = 360)
    {
        if (!(semiAxisA >= 0 && semiAxisB >= 0)) throw new ArgumentOutOfRangeException(nameof(semiAxisA), "semi-axes must be non-negative numbers");
        double start = startDegrees * Math.PI / 180, end = endDegrees * Math.PI / 180;
        if (end < start) end += 2 * Math.PI * Math.Ceiling((start - end) / (2 * Math.PI));
        double rot = rotationDegrees * Math.PI / 180;
        double cr = Math.Cos(rot), sr = Math.Sin(rot);
        // Segments no longer than ~2 px along the curve keep the polyline indistinguishable from the ellipse.
        double perimeter = Math.Max(semiAxisA, semiAxisB) * (end - start);
        int n = Math.Clamp((int)Math.Ceiling(perimeter / 2), 8, 20000);
        var xs = new double[n + 1];
        var ys = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            // The polar angle on screen θ; find the parametric angle t of the ellipse point in that direction.
            double theta = start + (end - start) * i / n;
            double local = theta - rot;
            double t = Math.Atan2(semiAxisA * Math.Sin(local), semiAxisB * Math.Cos(local));
            double u = semiAxisA * Math.Cos(t), v = semiAxisB * Math.Sin(t);
            xs[i] = cx + u * cr - v * sr;
            ys[i] = cy - (u * sr + v * cr);
        }
        DrawPolyline(xs, ys, color, thickness, alpha);
    }

    /// <summary>A "+" (or an "×" when <paramref name="diagonal"/>) of half-size <paramref name="halfSizePixels"/> centred on (cx, cy).</summary>
    public void DrawCross(double cx, double cy, double halfSizePixels, RgbColor color, double thickness = 1, double alpha = 1, bool diagonal = false)
    {
        double h = halfSizePixels;
        if (diagonal)
        {
            double d = h / Math.Sqrt(2);
            DrawLine(cx - d, cy - d, cx + d, cy + d, color, thickness, alpha);
            DrawLine(cx - d, cy + d, cx + d, cy - d, color, thickness, alpha);
        }
        else
        {
            DrawLine(cx - h, cy, cx + h, cy, color, thickness, alpha);
            DrawLine(cx, cy - h, cx, cy + h, color, thickness, alpha);
        }
    }

    /// <summary>A filled disc of radius <paramref name="radiusPixels"/> centred on (cx, cy), anti-aliased.</summary>
    public void FillCircle(double cx, double cy, double radiusPixels, RgbColor color, double alpha = 1)
    {
        int x0 = (int)Math.Floor(cx - radiusPixels - 1), x1 = (int)Math.Ceiling(cx + radiusPixels + 1);
        int y0 = (int)Math.Floor(cy - radiusPixels - 1), y1 = (int)Math.Ceiling(cy + radiusPixels + 1);
        for (int y = Math.Max(0, y0); y <= Math.Min(Height - 1, y1); y++)
            for (int x = Math.Max(0, x0); x <= Math.Min(Width - 1, x1); x++)
            {
                double d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                Blend(x, y, color, alpha * Math.Clamp(radiusPixels + 0.5 - d, 0, 1));
            }
    }

    /// <summary>A filled axis-aligned rectangle covering pixels x0..x1, y0..y1 inclusive.</summary>
    public void FillRectangle(int x0, int y0, int x1, int y1, RgbColor color, double alpha = 1)
    {
        for (int y = Math.Max(0, Math.Min(y0, y1)); y <= Math.Min(Height - 1, Math.Max(y0, y1)); y++)
            for (int x = Math.Max(0, Math.Min(x0, x1)); x <= Math.Min(Width - 1, Math.Max(x0, x1)); x++)
                Blend(x, y, color, alpha);
    }

    /// <summary>
    /// Connected straight segments through the points. Each pixel takes the largest coverage of any
    /// segment (not the sum), so joints do not darken when <paramref name="alpha"/> is below 1.
    /// </summary>
    public void DrawPolyline(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, RgbColor color, double thickness = 1, double alpha = 1)
    {
        if (xs.Length != ys.Length) throw new ArgumentException("xs and ys differ in length", nameof(ys));
        if (xs.Length == 0 || !(thickness > 0)) return;
        double half = thickness / 2;
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < xs.Length; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i])) continue;
            minX = Math.Min(minX, xs[i]); maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]); maxY = Math.Max(maxY, ys[i]);
        }
        int bx0 = Math.Max(0, (int)Math.Floor(minX - half - 1)), bx1 = Math.Min(Width - 1, (int)Math.Ceiling(maxX + half + 1));
        int by0 = Math.Max(0, (int)Math.Floor(minY - half - 1)), by1 = Math.Min(Height - 1, (int)Math.Ceiling(maxY + half + 1));
        if (bx0 > bx1 || by0 > by1) return;
        var coverage = new Dictionary<int, float>();
        if (xs.Length == 1) Stamp(xs[0], ys[0], xs[0], ys[0]);
        for (int i = 1; i < xs.Length; i++) Stamp(xs[i - 1], ys[i - 1], xs[i], ys[i]);
        foreach (var (k, c) in coverage)
            Blend(k % Width, k / Width, color, alpha * c);

        void Stamp(double ax, double ay, double bx, double by)
        {
            if (!double.IsFinite(ax) || !double.IsFinite(ay) || !double.IsFinite(bx) || !double.IsFinite(by)) return;
            double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
            bool steep = Math.Abs(dy) > Math.Abs(dx);
            // Walk the major axis; across it only the band within half + 1 pixels of the segment is tested.
            double major0 = steep ? Math.Min(ay, by) : Math.Min(ax, bx), major1 = steep ? Math.Max(ay, by) : Math.Max(ax, bx);
            double slope = steep ? (dy == 0 ? 0 : dx / dy) : (dx == 0 ? 0 : dy / dx);
            double band = (half + 1) * Math.Sqrt(1 + slope * slope);
            int m0 = (int)Math.Floor(major0 - half - 1), m1 = (int)Math.Ceiling(major1 + half + 1);
            for (int m = m0; m <= m1; m++)
            {
                double mc = Math.Clamp(m, major0, major1);
                double minorCentre = steep ? ax + (mc - ay) * slope : ay + (mc - ax) * slope;
                int n0 = (int)Math.Floor(minorCentre - band), n1 = (int)Math.Ceiling(minorCentre + band);
                for (int q = n0; q <= n1; q++)
                {
                    int x = steep ? q : m, y = steep ? m : q;
                    if (x < bx0 || x > bx1 || y < by0 || y > by1) continue;
                    double t = len2 == 0 ? 0 : Math.Clamp(((x - ax) * dx + (y - ay) * dy) / len2, 0, 1);
                    double ex = ax + t * dx - x, ey = ay + t * dy - y;
                    double c = half + 0.5 - Math.Sqrt(ex * ex + ey * ey);
                    if (c <= 0) continue;
                    int k = y * Width + x;
                    float cover = (float)Math.Min(c, 1);
                    if (!coverage.TryGetValue(k, out float old) || old < cover) coverage[k] = cover;
                }
            }
        }
    }
}
