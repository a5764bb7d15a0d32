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

    /// <summary>
    /// Fits N0 to the floors C = c2/c1 of Eq. 4 fits at doses <paramref name="dosesElectronsPerPixel"/> (e/px).
    /// <paramref name="kind"/> says which spectrum the floors were fitted to: an amplitude floor obeys Eq. 2 as it is,
    /// a power-spectrum floor is its square (C_power = N0/(N0 + N_D)) and is converted here by a square root
    /// (docs/detector.md). Needs ≥ 2 frames with finite values and positive dose.
    /// </summary>
    public static ReadoutNoiseFit Fit(IReadOnlyList<double> dosesElectronsPerPixel, IReadOnlyList<double> floors, SpectrumKind kind)
    {
        ArgumentNullException.ThrowIfNull(floors);
        if (kind == SpectrumKind.Amplitude) return FitAmplitudeFloors(dosesElectronsPerPixel, floors);
        var amplitude = new double[floors.Count];
        for (int i = 0; i < amplitude.Length; i++) amplitude[i] = AmplitudeFloor(floors[i], kind);
        return FitAmplitudeFloors(dosesElectronsPerPixel, amplitude);
    }

    /// <summary>
    /// Fits N0 over the frames of <paramref name="frames"/> that passed (<see cref="FrameAnalysis.Ok"/>), taking each
    /// frame's dose, floor and spectrum kind from its analysis; throws <see cref="ArgumentException"/> when fewer than
    /// 2 passed or when the frames mix spectrum kinds.
    /// </summary>
    public static ReadoutNoiseFit Fit(IEnumerable<FrameAnalysis> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var ok = frames.Where(f => f.Ok).ToList();
        var kinds = ok.Select(f => f.Spectrum!.Kind).Distinct().ToList();
        if (kinds.Count > 1) throw new ArgumentException("the frames mix amplitude and power spectrum fits");
        var kind = kinds.Count == 1 ? kinds[0] : SpectrumKind.Amplitude;
        return Fit(ok.Select(f => f.DoseElectronsPerPixel).ToList(), ok.Select(f => f.Fit!.C).ToList(), kind);
    }

    /// <summary>The floor of the amplitude spectrum (the quantity of Eq. 2) from a floor C fitted to a spectrum of
    /// kind <paramref name="kind"/>: unchanged for amplitude, sqrt(max(C, 0)) for power.</summary>
    public static double AmplitudeFloor(double floor, SpectrumKind kind) =>
        kind == SpectrumKind.Power ? Math.Sqrt(Math.Max(floor, 0)) : floor;

    private static ReadoutNoiseFit FitAmplitudeFloors(IReadOnlyList<double> dosesElectronsPerPixel, IReadOnlyList<double> floors)
    {
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
