using TemKit.Pipelines.Species;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Pipelines.Species;

public class ColumnFinderTests
{
    [Fact]
    public void FindsEveryColumnOfAOneHotClassMapAtItsPosition()
    {
        const int n = 128;
        const double px = 0.2;
        var sheet = Mx2SheetBuilder.Build(new Mx2Parameters(SingleVacancyFraction: 0.1), n * px, n * px, new Random(4));
        var labels = ColumnClassDiscs.Rasterise(sheet.Columns, n, n, px, 0.5);
        // One-hot probabilities smoothed so that each disc has a single peak at its centre: p ∝ 1 − d/r inside.
        var prob = new float[4 * n * n];
        foreach (var c in sheet.Columns)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    double d = Math.Sqrt(Math.Pow(x - c.XAngstrom / px, 2) + Math.Pow(y - c.YAngstrom / px, 2));
                    if (d < 3) prob[(int)c.Kind * n * n + y * n + x] = (float)Math.Max(prob[(int)c.Kind * n * n + y * n + x], 1 - d / 3);
                }
        var found = ColumnFinder.Find(prob, n, n, 4, px, new ColumnFinderOptions(0.3, 1.0, 1.0));
        var truth = sheet.Columns.Where(c => c.XAngstrom / px is > 5 and < n - 6 && c.YAngstrom / px is > 5 and < n - 6)
            .Select(c => ((int)c.Kind, c.XAngstrom / px, c.YAngstrom / px)).ToList();
        var m = ColumnMatching.Match(found, truth, 4, 0.5 / px);
        for (int k = 1; k < 4; k++) Assert.Equal(1.0, m.Recall(k));
        Assert.Equal(0, m.Confusion[1, 0] + m.Confusion[2, 0] + m.Confusion[3, 0]);
        Assert.Contains(found, f => f.ClassIndex == 3);
        Assert.True(labels.Length == n * n);
    }

    [Fact]
    public void NonMaximumSuppressionKeepsTheMoreProbableClass()
    {
        var p = new float[3 * 20 * 20];
        p[1 * 400 + 10 * 20 + 10] = 0.6f;   // class 1 peak at (10, 10)
        p[2 * 400 + 10 * 20 + 12] = 0.4f;   // class 2 peak 2 px away: suppressed at 1 Å separation, 1 Å = 5 px
        p[2 * 400 + 3 * 20 + 3] = 0.5f;     // a lone class-2 peak
        var found = ColumnFinder.Find(p, 20, 20, 3, 0.2, new ColumnFinderOptions(0.3, 1.0));
        Assert.Equal(2, found.Count);
        Assert.Contains(found, f => f.ClassIndex == 1 && f.XPx == 10 && f.YPx == 10);
        Assert.Contains(found, f => f.ClassIndex == 2 && f.XPx == 3 && f.YPx == 3);
    }

    [Fact]
    public void MatchingCountsMissesFalseDetectionsAndConfusions()
    {
        var truth = new List<(int, double, double)> { (1, 0, 0), (2, 10, 0), (3, 20, 0), (3, 30, 0) };
        var det = new List<DetectedColumn> { new(1, 0.2, 0, 1), new(2, 20.1, 0, 1), new(3, 30, 0.3, 1), new(2, 50, 50, 1) };
        var m = ColumnMatching.Match(det, truth, 4, 1.0);
        Assert.Equal(1, m.Confusion[1, 1]);
        Assert.Equal(1, m.Confusion[2, 0]);   // the S2 at x = 10 is missed
        Assert.Equal(1, m.Confusion[3, 2]);   // S1 typed as S2
        Assert.Equal(1, m.Confusion[3, 3]);
        Assert.Equal(1, m.Confusion[0, 2]);   // false S2
        Assert.Equal(0.5, m.Recall(3));
        Assert.Equal(0.0, m.Precision(2));
        Assert.Equal(0.5, m.PairAccuracy(2, 3));   // one of the two typed S columns right
        var counts = SpeciesCounts.Of(det, 4, 2.0);
        Assert.Equal(1, counts.Vacancies);
        Assert.Equal(0.5, counts.VacanciesPerNanometre2);
        Assert.Equal(1.0 / 6, counts.VacanciesPerSite, 12);   // 1 / (2 · (2 S2 + 1 S1))
    }

    [Fact]
    public void RegistrationRecoversASubPixelShiftDespiteContrastReversal()
    {
        const int n = 64;
        var rng = new Random(2);
        var a = new float[n * n];
        for (int k = 0; k < 12; k++)
        {
            double cx = rng.NextDouble() * n, cy = rng.NextDouble() * n;
            for (int y = 0; y < n; y++) for (int x = 0; x < n; x++)
            {
                double dx = Math.Abs(x - cx), dy = Math.Abs(y - cy);
                dx = Math.Min(dx, n - dx); dy = Math.Min(dy, n - dy);
                a[y * n + x] += (float)Math.Exp(-(dx * dx + dy * dy) / 8);
            }
        }
        // The moving frame is the reference displaced by (+1.5, −2.25) px, negated (the other side of focus).
        var moving = a.Select(v => -v).ToArray();
        TripletRegistration.Undo(moving, n, n, -1.5, 2.25);
        var (sx, sy) = TripletRegistration.Shift(a, moving, n, n, 6);
        Assert.Equal(1.5, sx, 0.15);
        Assert.Equal(-2.25, sy, 0.15);
        TripletRegistration.Undo(moving, n, n, sx, sy);
        double err = a.Zip(moving, (p, q) => Math.Abs(p + q)).Max();
        Assert.True(err < 0.1, $"largest residual {err:F3}");
    }
}
