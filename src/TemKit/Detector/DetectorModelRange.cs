namespace TemKit.Detector;

/// <summary>
/// Uniform ranges for the detector parameters, as in SOI Table 3, from which a <see cref="DetectorModel"/> is drawn
/// per simulated image (the way the paper randomises c0, c3 and N0 for training data).
/// </summary>
/// <param name="C0Min">Lowest c0 (fraction of Nyquist).</param>
/// <param name="C0Max">Highest c0 (fraction of Nyquist).</param>
/// <param name="C3Min">Lowest c3.</param>
/// <param name="C3Max">Highest c3.</param>
/// <param name="ReadoutNoiseMinElectronsPerPixel">Lowest N0 (e/px).</param>
/// <param name="ReadoutNoiseMaxElectronsPerPixel">Highest N0 (e/px).</param>
/// <param name="C">Detector MTF floor C, fixed (0 in Table 3).</param>
/// <param name="Readout">Readout noise distribution.</param>
public sealed record DetectorModelRange(
    double C0Min, double C0Max,
    double C3Min, double C3Max,
    double ReadoutNoiseMinElectronsPerPixel = 0.005, double ReadoutNoiseMaxElectronsPerPixel = 0.015,
    double C = 0,
    ReadoutNoiseKind Readout = ReadoutNoiseKind.Poisson)
{
    /// <summary>The Table 3 model numbers.</summary>
    public static IReadOnlyList<int> PresetNumbers { get; } = [1, 2, 3, 4, 5];

    /// <summary>SOI Table 3 MTF model <paramref name="model"/> (1..5); N0 ∈ [0.005, 0.015] e/px for all.</summary>
    public static DetectorModelRange Preset(int model) => model switch
    {
        1 => new(0.4, 0.6, 2.0, 3.0),
        2 => new(0.4, 0.6, 1.0, 5.0),
        3 => new(0.2, 0.3, 1.0, 5.0),
        4 => new(0.25, 0.6, 2.0, 5.0),
        5 => new(0.6, 0.8, 2.0, 5.0),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "MTF model must be 1..5 (Table 3 of Leth Larsen et al.'s supplementary)"),
    };

    /// <summary>A range that always gives <paramref name="model"/>.</summary>
    public static DetectorModelRange Fixed(DetectorModel model) => new(
        model.C0, model.C0, model.C3, model.C3,
        model.ReadoutNoiseElectronsPerPixel, model.ReadoutNoiseElectronsPerPixel, model.C, model.Readout);

    /// <summary>The model at the centre of every range.</summary>
    public DetectorModel Centre => new(
        0.5 * (C0Min + C0Max), 0.5 * (C3Min + C3Max), C,
        0.5 * (ReadoutNoiseMinElectronsPerPixel + ReadoutNoiseMaxElectronsPerPixel), Readout);

    /// <summary>A model with every parameter drawn uniformly from its range.</summary>
    public DetectorModel Draw(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Validate();
        return new DetectorModel(
            Uniform(rng, C0Min, C0Max), Uniform(rng, C3Min, C3Max), C,
            Uniform(rng, ReadoutNoiseMinElectronsPerPixel, ReadoutNoiseMaxElectronsPerPixel), Readout);
    }

    /// <summary>Throws <see cref="ArgumentException"/> if a range is reversed or a bound is invalid.</summary>
    public void Validate()
    {
        if (!(C0Min <= C0Max)) throw new ArgumentException($"c0 range [{C0Min}, {C0Max}] is reversed or not a number");
        if (!(C3Min <= C3Max)) throw new ArgumentException($"c3 range [{C3Min}, {C3Max}] is reversed or not a number");
        if (!(ReadoutNoiseMinElectronsPerPixel <= ReadoutNoiseMaxElectronsPerPixel))
            throw new ArgumentException($"N0 range [{ReadoutNoiseMinElectronsPerPixel}, {ReadoutNoiseMaxElectronsPerPixel}] e/px is reversed or not a number");
        Centre.Validate();
        Corner().Validate();
    }

    private DetectorModel Corner() => new(C0Min, C3Min, C, ReadoutNoiseMinElectronsPerPixel, Readout);

    private static double Uniform(Random rng, double lo, double hi) => lo == hi ? lo : lo + (hi - lo) * rng.NextDouble();
}
