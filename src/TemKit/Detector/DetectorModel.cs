namespace TemKit.Detector;

/// <summary>
/// A scintillator detector: its modulation transfer function in the parametric form of SOI Eq. 1,
/// MTF(q~) = (1 - C) / (1 + (q~/c0)^c3) + C with q~ = q/q_N = 2 q s (s = pixel size), and its readout noise N0.
/// The detector is applied by <see cref="DetectorSimulator"/> (SOI Eq. 3: P_total = MTF[P(N_D)] + P(N0)).
/// </summary>
/// <param name="C0">Half-maximum frequency c0 of the MTF as a fraction of Nyquist (dimensionless, &gt; 0).</param>
/// <param name="C3">Shape exponent c3 (dimensionless, &gt; 0; 2 is Lorentzian, large values approach a step).</param>
/// <param name="C">High-frequency floor C = c2/c1 of the detector's own MTF (0..1). Table 3 models use 0: the floor
/// a fit sees then comes from the readout noise alone (Eq. 2).</param>
/// <param name="ReadoutNoiseElectronsPerPixel">Readout noise N0 in electrons per pixel (variance of the noise added
/// after the MTF, in units of detected electrons; ≥ 0).</param>
/// <param name="Readout">Distribution of the readout noise (Poisson as in the paper, or Gaussian).</param>
public sealed record DetectorModel(
    double C0 = DetectorModel.DefaultC0,
    double C3 = DetectorModel.DefaultC3,
    double C = 0,
    double ReadoutNoiseElectronsPerPixel = DetectorModel.DefaultReadoutNoiseElectronsPerPixel,
    ReadoutNoiseKind Readout = ReadoutNoiseKind.Poisson)
{
    /// <summary>Default c0: the centre of Table 3 model 4 (fraction of Nyquist).</summary>
    public const double DefaultC0 = 0.425;

    /// <summary>Default c3: the centre of Table 3 model 4.</summary>
    public const double DefaultC3 = 3.5;

    /// <summary>Default readout noise N0 = 0.01 e/px, the value fitted in the paper (Fig. 6).</summary>
    public const double DefaultReadoutNoiseElectronsPerPixel = 0.01;

    /// <summary>A perfect counting detector: MTF = 1 at every frequency and no readout noise.</summary>
    public static DetectorModel Ideal { get; } = new(C0: double.PositiveInfinity, C3: 2, C: 0, ReadoutNoiseElectronsPerPixel: 0);

    /// <summary>
    /// The centre of the parameter ranges of Table 3 model <paramref name="model"/> (1..5). Use
    /// <see cref="DetectorModelRange.Preset(int)"/> to draw parameters uniformly from the ranges instead.
    /// </summary>
    public static DetectorModel Preset(int model) => DetectorModelRange.Preset(model).Centre;

    /// <summary>SOI Eq. 1 at normalised frequency <paramref name="qNormalised"/> = q/q_N = 2 q s (dimensionless).</summary>
    public double Mtf(double qNormalised)
    {
        if (double.IsPositiveInfinity(C0)) return 1;
        // SOI Eq. 1: MTF(q~) = (1 - C) / (1 + (q~/c0)^c3) + C
        return (1 - C) / (1 + Math.Pow(Math.Abs(qNormalised) / C0, C3)) + C;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        if (!(C0 > 0)) throw new ArgumentException($"MTF c0 must be > 0 (fraction of Nyquist), got {C0}");
        if (!(C3 > 0) || !double.IsFinite(C3)) throw new ArgumentException($"MTF c3 must be a positive number, got {C3}");
        if (!(C >= 0 && C <= 1)) throw new ArgumentException($"MTF floor C must be in [0, 1], got {C}");
        if (!(ReadoutNoiseElectronsPerPixel >= 0) || !double.IsFinite(ReadoutNoiseElectronsPerPixel))
            throw new ArgumentException($"readout noise N0 must be ≥ 0 e/px, got {ReadoutNoiseElectronsPerPixel}");
    }

    /// <summary>
    /// The floor C = c2/c1 a fit of Eq. 4 to the amplitude spectrum of a vacuum frame should find at frame dose
    /// <paramref name="doseElectronsPerPixel"/>: sqrt((N0 + N_D C²) / (N0 + N_D)); with C = 0 this is SOI Eq. 2.
    /// </summary>
    public double ExpectedFloor(double doseElectronsPerPixel)
    {
        double n0 = ReadoutNoiseElectronsPerPixel, nd = doseElectronsPerPixel;
        return Math.Sqrt((n0 + nd * C * C) / (n0 + nd));
    }
}
