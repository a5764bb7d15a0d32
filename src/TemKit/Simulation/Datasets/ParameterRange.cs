namespace TemKit.Simulation.Datasets;

/// <summary>A closed interval [Min, Max] of one simulation parameter (units in the owning property's name).</summary>
/// <param name="Min">Lower limit.</param>
/// <param name="Max">Upper limit (equal to <paramref name="Min"/> for a fixed value).</param>
public readonly record struct ParameterRange(double Min, double Max)
{
    /// <summary>A range holding one value.</summary>
    public static ParameterRange Fixed(double value) => new(value, value);

    /// <summary>A range read from YAML: null when the key is absent, [value] for a fixed value, [min, max] otherwise;
    /// throws <see cref="ArgumentException"/> naming <paramref name="key"/> for any other count.</summary>
    public static ParameterRange? FromList(IReadOnlyList<double>? values, string key) => values switch
    {
        null => null,
        { Count: 1 } => Fixed(values[0]),
        { Count: 2 } => new ParameterRange(values[0], values[1]),
        _ => throw new ArgumentException($"{key}: expected [min, max] or [value], got {values.Count} numbers"),
    };

    /// <summary>The midpoint.</summary>
    public double Centre => 0.5 * (Min + Max);

    /// <summary>A value drawn uniformly from [Min, Max].</summary>
    public double Uniform(Random rng) => Min == Max ? Min : Min + (Max - Min) * rng.NextDouble();

    /// <summary>A value whose logarithm is uniform in [log Min, log Max] (Table 1's "exponential" dose distribution).</summary>
    public double LogUniform(Random rng) => Min == Max ? Min : Math.Exp(Math.Log(Min) + (Math.Log(Max) - Math.Log(Min)) * rng.NextDouble());

    /// <summary>Throws <see cref="ArgumentException"/> when the range is reversed, not finite or outside [lo, hi].</summary>
    public void Validate(string name, double lo, double hi)
    {
        if (!double.IsFinite(Min) || !double.IsFinite(Max)) throw new ArgumentException($"{name}: range [{Min}, {Max}] must be finite numbers");
        if (Min > Max) throw new ArgumentException($"{name}: range [{Min}, {Max}] is reversed");
        if (Min < lo || Max > hi) throw new ArgumentException($"{name}: range [{Min}, {Max}] must lie within [{lo}, {hi}]");
    }

    /// <summary>"[min, max]" with 6 significant digits.</summary>
    public override string ToString() => FormattableString.Invariant($"[{Min:G6}, {Max:G6}]");
}
