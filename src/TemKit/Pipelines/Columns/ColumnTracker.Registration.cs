using MathNet.Numerics.Statistics;
using TemKit.Fourier.Registration;
using TemKit.Imaging;

namespace TemKit.Pipelines.Columns;

public static partial class ColumnTracker
{
    /// <summary>
    /// Displacement (Å) of frame <paramref name="b"/>'s content relative to frame <paramref name="a"/> from the images
    /// alone: the cross-correlation of the mean-removed, Hann-windowed frames (<see cref="ImageShift"/>) weighted by a
    /// Gaussian low-pass of <see cref="TrackingOptions.RegistrationLowPassPerAngstrom"/>, searched within
    /// <see cref="TrackingOptions.MaxDriftAngstrom"/>, log-parabola sub-pixel peak. Not whitened (no phase correlation): the
    /// whitened spectrum of a crystal is dominated by its lattice, whose correlation peaks one column spacing away are
    /// nearly as high as the true one.
    /// </summary>
    public static (double X, double Y) ImageDrift(Image2D a, Image2D b, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(options);
        double px = a.PixelSizeAngstrom > 0 ? a.PixelSizeAngstrom : 1;
        var s = ImageShift.Estimate(a.Pixels, b.Pixels, a.Width, a.Height, new ShiftOptions
        {
            MaxShiftPx = (int)Math.Ceiling(options.MaxDriftAngstrom / px),
            LowPassCyclesPerPixel = Math.Min(0.5, options.RegistrationLowPassPerAngstrom * px),
            HannWindow = true, SubPixel = SubPixelPeak.LogParabola,
        });
        return (s.X * px, s.Y * px);
    }

    /// <summary>
    /// The drift (Å) between two frames' columns: starting from the image estimate (<see cref="ImageDrift"/>), every shift
    /// that puts a column of <paramref name="cb"/> onto one of <paramref name="ca"/> within
    /// <see cref="TrackingOptions.LatticeSearchAngstrom"/> of that estimate is tried, and the one under which most columns
    /// of <paramref name="ca"/> have a partner within the match radius wins (ties: the one nearest the image estimate). On a
    /// crystal the image correlation can lock onto a lattice neighbour one column spacing away; the particle's outline
    /// then leaves a whole row of columns unpaired, so the count tells the true shift. The winner is refined twice as the
    /// median displacement of the paired columns (events are a minority).
    /// </summary>
    public static (double X, double Y) ColumnDrift(IReadOnlyList<DetectedColumn> ca, IReadOnlyList<DetectedColumn> cb, (double X, double Y) imageDrift, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(cb);
        ArgumentNullException.ThrowIfNull(options);
        var (dx, dy) = imageDrift;
        double search2 = options.LatticeSearchAngstrom * options.LatticeSearchAngstrom;
        if (options.LatticeSearchAngstrom > 0 && ca.Count > 0 && cb.Count > 0)
        {
            var cellsB = new PointCells([.. cb.Select(c => (c.XAngstrom, c.YAngstrom))], options.MatchRadiusAngstrom);
            int best = Paired(ca, cellsB, dx, dy);
            double bestOff = 0, bx = dx, by = dy;
            // Shifts closer than a tenth of the match radius pair the same columns: each is tried once.
            double quantum = 0.1 * options.MatchRadiusAngstrom;
            var tried = new HashSet<(long, long)>();
            foreach (var p in ca)
                foreach (var q in cb)
                {
                    double sx = q.XAngstrom - p.XAngstrom, sy = q.YAngstrom - p.YAngstrom;
                    double off = (sx - dx) * (sx - dx) + (sy - dy) * (sy - dy);
                    if (off > search2 || !tried.Add(((long)Math.Round(sx / quantum), (long)Math.Round(sy / quantum)))) continue;
                    int n = Paired(ca, cellsB, sx, sy);
                    if (n > best || (n == best && off < bestOff)) { best = n; bestOff = off; bx = sx; by = sy; }
                }
            (dx, dy) = (bx, by);
        }
        for (int round = 0; round < 2; round++)
        {
            var pairs = Pairs(ca, cb, dx, dy, options.MatchRadiusAngstrom);
            if (pairs.Count == 0) break;
            double mx = pairs.Select(p => cb[p.B].XAngstrom - dx - ca[p.A].XAngstrom).Median();
            double my = pairs.Select(p => cb[p.B].YAngstrom - dy - ca[p.A].YAngstrom).Median();
            dx += mx;
            dy += my;
        }
        return (dx, dy);
    }

    /// <summary>Columns of <paramref name="ca"/> with a column of <paramref name="cellsB"/> within its radius after removing the shift.</summary>
    private static int Paired(IReadOnlyList<DetectedColumn> ca, PointCells cellsB, double dx, double dy)
    {
        int n = 0;
        foreach (var p in ca)
            if (cellsB.AnyWithin(p.XAngstrom + dx, p.YAngstrom + dy)) n++;
        return n;
    }

    private static List<(int A, int B)> Pairs(IReadOnlyList<DetectedColumn> ca, IReadOnlyList<DetectedColumn> cb, double dx, double dy, double radius)
    {
        var match = ColumnMatching.Match([.. ca.Select(c => (c.XAngstrom, c.YAngstrom))], [.. cb.Select(c => (c.XAngstrom - dx, c.YAngstrom - dy))], radius);
        return [.. match.Pairs.Select(p => (p.Truth, p.Detected))];
    }
}
