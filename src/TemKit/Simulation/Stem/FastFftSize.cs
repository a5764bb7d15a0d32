namespace TemKit.Simulation.Stem;

/// <summary>FFT-friendly grid sizes: products of 2, 3, 5 and 7 only (no Bluestein pass).</summary>
internal static class FastFftSize
{
    /// <summary>The smallest n ≥ <paramref name="minimum"/> that is a multiple of <paramref name="multiple"/> and has no prime
    /// factor above 7.</summary>
    public static int AtLeast(int minimum, int multiple = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(multiple, 1);
        for (int n = Math.Max(multiple, (minimum + multiple - 1) / multiple * multiple); ; n += multiple)
            if (IsSmooth(n)) return n;
    }

    private static bool IsSmooth(int n)
    {
        foreach (int p in (ReadOnlySpan<int>)[2, 3, 5, 7])
            while (n % p == 0) n /= p;
        return n == 1;
    }
}
