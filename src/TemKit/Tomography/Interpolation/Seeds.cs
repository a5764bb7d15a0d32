namespace TemKit.Tomography.Interpolation;

/// <summary>Deterministic seed mixing (HashCode.Combine is randomised per process, so it cannot make runs repeatable).</summary>
internal static class Seeds
{
    /// <summary>A 31-bit seed from the values (SplitMix64 finaliser over a running combination).</summary>
    public static int Mix(params int[] values)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (int v in values)
        {
            h = unchecked((h ^ (uint)v) * 0xBF58476D1CE4E5B9UL);
            h ^= h >> 31;
        }
        return (int)(h & 0x7FFFFFFF);
    }
}
