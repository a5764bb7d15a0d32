namespace TemKit.Detector;

/// <summary>
/// Readout noise N0 from the floor C of a dose series (SOI Eq. 2, C² = N0/(N0 + N_D)), fitted in C as the paper
/// plots it (Fig. 6): least squares over C_i - sqrt(N0/(N0 + N_D,i)), by golden-section search on log N0.
/// </summary>
/// <param name="ReadoutNoiseElectronsPerPixel">Fitted N0 (e/px).</param>
/// <param name="RSquared">Coefficient of determination of the fit in C.</param>
/// <param name="Frames">Number of frames used.</param>
public sealed record ReadoutNoiseFit(double ReadoutNoiseElectronsPerPixel, double RSquared, int Frames)
{
    /// <summary>Eq. 2: the floor C expected at dose <paramref name="doseElectronsPerPixel"/> (e/px).</summary>
    public double Floor(double doseElectronsPerPixel) => Floor(ReadoutNoiseElectronsPerPixel, doseElectronsPerPixel);

    /// <summary>Fits N0 to floors <paramref name="floors"/> (C = c2/c1 of amplitude-spectrum fits) at doses
    /// <paramref name="dosesElectronsPerPixel"/> (e/px); needs ≥ 2 frames with finite values and positive dose.</summary>
    public static ReadoutNoiseFit Fit(IReadOnlyList<double> dosesElectronsPerPixel, IReadOnlyList<double> floors)
    {
        if (dosesElectronsPerPixel.Count != floors.Count) throw new ArgumentException($"{dosesElectronsPerPixel.Count} doses but {floors.Count} floors");
        var nd = new List<double>();
        var c = new List<double>();
        for (int i = 0; i < floors.Count; i++)
            if (dosesElectronsPerPixel[i] > 0 && double.IsFinite(dosesElectronsPerPixel[i]) && double.IsFinite(floors[i]))
            { nd.Add(dosesElectronsPerPixel[i]); c.Add(floors[i]); }
        if (nd.Count < 2) throw new ArgumentException($"only {nd.Count} usable frames: need ≥ 2 with a dose and a fitted C");

        double Cost(double logN0)
        {
            double n0 = Math.Exp(logN0), s = 0;
            for (int i = 0; i < nd.Count; i++) { double r = c[i] - Floor(n0, nd[i]); s += r * r; }
            return s;
        }

        // Coarse scan over N0 from 1e-3 to 1e3 times the smallest dose, then golden section around the best point.
        double minDose = nd.Min();
        double lo = Math.Log(minDose * 1e-3), hi = Math.Log(minDose * 1e3);
        const int scan = 120;
        int bestK = 0;
        double bestCost = double.PositiveInfinity;
        for (int k = 0; k <= scan; k++)
        {
            double cost = Cost(lo + (hi - lo) * k / scan);
            if (cost < bestCost) { bestCost = cost; bestK = k; }
        }
        double step = (hi - lo) / scan;
        double a = lo + (bestK - 1) * step, b = lo + (bestK + 1) * step;
        double phi = (Math.Sqrt(5) - 1) / 2;
        double x1 = b - phi * (b - a), x2 = a + phi * (b - a), f1 = Cost(x1), f2 = Cost(x2);
        for (int it = 0; it < 80 && b - a > 1e-10; it++)
        {
            if (f1 < f2) { b = x2; x2 = x1; f2 = f1; x1 = b - phi * (b - a); f1 = Cost(x1); }
            else { a = x1; x1 = x2; f1 = f2; x2 = a + phi * (b - a); f2 = Cost(x2); }
        }
        double logBest = 0.5 * (a + b);
        double mean = c.Average(), total = 0;
        foreach (double v in c) total += (v - mean) * (v - mean);
        double r2 = total > 0 ? 1 - Cost(logBest) / total : 0;
        return new ReadoutNoiseFit(Math.Exp(logBest), r2, nd.Count);
    }

    private static double Floor(double n0, double nd) => Math.Sqrt(n0 / (n0 + nd)); // SOI Eq. 2
}
