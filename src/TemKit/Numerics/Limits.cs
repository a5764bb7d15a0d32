using System.Globalization;

namespace TemKit.Numerics;

/// <summary>
/// The valid range of one numeric parameter, with its unit: the single source of the checks made by the parameter
/// records' <c>Validate()</c> methods and by the command line, so a library caller and a shell user are refused the
/// same values with the same words. NaN and ±∞ are never allowed.
/// </summary>
/// <param name="Min">Lower bound.</param>
/// <param name="Max">Upper bound.</param>
/// <param name="Unit">Unit printed after the range (e.g. "kV", "Å", "px"; empty for a pure number).</param>
/// <param name="MinExclusive">The lower bound itself is refused.</param>
/// <param name="MaxExclusive">The upper bound itself is refused.</param>
/// <param name="Whole">Only whole numbers are meaningful (counts, sizes in px, indices).</param>
public readonly record struct Limits(double Min, double Max, string Unit, bool MinExclusive = false, bool MaxExclusive = false, bool Whole = false)
{
    /// <summary>Greater than 0 and at most <paramref name="max"/>.</summary>
    public static Limits Positive(double max, string unit) => new(0, max, unit, MinExclusive: true);

    /// <summary>From 0 to <paramref name="max"/>, both included.</summary>
    public static Limits NonNegative(double max, string unit) => new(0, max, unit);

    /// <summary>A fraction in [0, 1].</summary>
    public static Limits Fraction { get; } = new(0, 1, "");

    /// <summary>True when <paramref name="value"/> is finite and inside the range.</summary>
    public bool Allows(double value) =>
        double.IsFinite(value)
        && (MinExclusive ? value > Min : value >= Min)
        && (MaxExclusive ? value < Max : value <= Max)
        && (!Whole || Math.Floor(value) == value);

    /// <summary>The range in interval notation with the unit, e.g. "(0, 3000] kV".</summary>
    public override string ToString()
    {
        string text = $"{(MinExclusive ? '(' : '[')}{Number(Min)}, {Number(Max)}{(MaxExclusive ? ')' : ']')}";
        return Unit.Length > 0 ? $"{text} {Unit}" : text;
    }

    /// <summary>A bound as people write it: 3000, 0.5, 1e8, -1e6.</summary>
    private static string Number(double v) =>
        v.ToString("G6", CultureInfo.InvariantCulture).Replace("E+0", "e", StringComparison.Ordinal).Replace("E+", "e", StringComparison.Ordinal)
            .Replace("E-0", "e-", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);

    /// <summary>What a refused value is told: "must be a finite number in (0, 3000] kV".</summary>
    public string Requirement => Whole ? $"must be a whole number in {this}" : $"must be a finite number in {this}";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/> when the value is refused.</summary>
    public void Check(double value, string name)
    {
        if (!Allows(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} {Requirement}");
    }
}
