namespace TemKit.Pipelines.Detector;

/// <summary>Frame doses of a series: from <paramref name="MinPerA2"/> to <paramref name="MaxPerA2"/> (e/Å²), spaced
/// evenly on a log scale over the frames (linearly if the range starts at 0); one value if both are equal.</summary>
/// <param name="MinPerA2">Dose of the first frame (e/Å², ≥ 0).</param>
/// <param name="MaxPerA2">Dose of the last frame (e/Å², ≥ <paramref name="MinPerA2"/>).</param>
public sealed record DoseSchedule(double MinPerA2, double MaxPerA2)
{
    /// <summary>One dose for every frame (e/Å²).</summary>
    public static DoseSchedule Fixed(double perA2) => new(perA2, perA2);

    /// <summary>Dose of frame <paramref name="i"/> of <paramref name="n"/> (e/Å²).</summary>
    public double PerA2(int i, int n)
    {
        if (n <= 1 || MinPerA2 == MaxPerA2) return MinPerA2;
        double t = (double)i / (n - 1);
        return MinPerA2 > 0
            ? Math.Exp(Math.Log(MinPerA2) + t * (Math.Log(MaxPerA2) - Math.Log(MinPerA2)))
            : MinPerA2 + t * (MaxPerA2 - MinPerA2);
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a negative, reversed or non-finite range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(MinPerA2) || !double.IsFinite(MaxPerA2)) throw new ArgumentException("dose must be finite (e/Å²)");
        if (MinPerA2 < 0) throw new ArgumentException("dose must be ≥ 0 e/Å²");
        if (MinPerA2 > MaxPerA2) throw new ArgumentException("dose range is reversed");
    }
}
