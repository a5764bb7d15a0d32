namespace TemKit.Imaging.Display;

/// <summary>
/// Exact percentiles of the finite values of a float span without sorting it: a 65,536-bin histogram
/// finds the bin holding each wanted order statistic, then a quickselect runs on that bin's values only.
/// Percentiles interpolate linearly between order statistics at rank p/100·(n−1) (NumPy's default, "linear").
/// </summary>
public static class Percentiles
{
    private const int Bins = 1 << 16;

    /// <summary>Smallest and largest finite value and the number of finite values; (NaN, NaN, 0) when there are none.</summary>
    public static (double Min, double Max, int Count) FiniteRange(ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        int count = 0;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            count++;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return count == 0 ? (double.NaN, double.NaN, 0) : (min, max, count);
    }

    /// <summary>The <paramref name="percentile"/> (0–100) of the finite values; NaN when there are none.</summary>
    public static double Of(ReadOnlySpan<float> values, double percentile)
    {
        Span<double> result = stackalloc double[1];
        Of(values, [percentile], result);
        return result[0];
    }

    /// <summary>Several percentiles (0–100) of the finite values in one histogram pass; NaN when there are none.</summary>
    public static void Of(ReadOnlySpan<float> values, ReadOnlySpan<double> percentiles, Span<double> result)
    {
        if (result.Length != percentiles.Length) throw new ArgumentException("one result slot per percentile is needed", nameof(result));
        foreach (double p in percentiles)
            if (!(p >= 0 && p <= 100)) throw new ArgumentOutOfRangeException(nameof(percentiles), p, "percentiles lie in 0..100");

        var (min, max, count) = FiniteRange(values);
        if (count == 0 || min == max)
        {
            result.Fill(count == 0 ? double.NaN : min);
            return;
        }

        // Order statistics needed: floor(rank) and the one above it for each percentile.
        int m = percentiles.Length;
        var ranks = new long[2 * m];
        for (int i = 0; i < m; i++)
        {
            double r = percentiles[i] / 100.0 * (count - 1);
            long k = (long)Math.Floor(r);
            ranks[2 * i] = k;
            ranks[2 * i + 1] = Math.Min(k + 1, count - 1);
        }

        double scale = Bins / (max - min);
        var histogram = new int[Bins];
        foreach (float v in values)
            if (float.IsFinite(v)) histogram[BinOf(v, min, scale)]++;

        var cumulativeBefore = new long[Bins + 1];
        for (int b = 0; b < Bins; b++) cumulativeBefore[b + 1] = cumulativeBefore[b] + histogram[b];

        var order = new double[2 * m];
        var cache = new Dictionary<int, float[]>();
        for (int j = 0; j < ranks.Length; j++)
        {
            long k = ranks[j];
            int bin = FindBin(cumulativeBefore, k);
            if (!cache.TryGetValue(bin, out float[]? members))
            {
                members = new float[histogram[bin]];
                int n = 0;
                foreach (float v in values)
                    if (float.IsFinite(v) && BinOf(v, min, scale) == bin) members[n++] = v;
                cache[bin] = members;
            }
            order[j] = Select(members, (int)(k - cumulativeBefore[bin]));
        }

        for (int i = 0; i < m; i++)
        {
            double r = percentiles[i] / 100.0 * (count - 1);
            double frac = r - Math.Floor(r);
            result[i] = order[2 * i] + frac * (order[2 * i + 1] - order[2 * i]);
        }
    }

    private static int BinOf(float v, double min, double scale)
    {
        int b = (int)((v - min) * scale);
        return b >= Bins ? Bins - 1 : b;
    }

    /// <summary>The bin b with cumulativeBefore[b] ≤ k &lt; cumulativeBefore[b + 1].</summary>
    private static int FindBin(long[] cumulativeBefore, long k)
    {
        int lo = 0, hi = Bins - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (cumulativeBefore[mid] <= k) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>The k-th smallest element (0-based) by quickselect with a median-of-three pivot; reorders the array.</summary>
    internal static float Select(float[] a, int k)
    {
        int left = 0, right = a.Length - 1;
        while (right > left)
        {
            int mid = left + ((right - left) >> 1);
            if (a[mid] < a[left]) (a[mid], a[left]) = (a[left], a[mid]);
            if (a[right] < a[left]) (a[right], a[left]) = (a[left], a[right]);
            if (a[right] < a[mid]) (a[right], a[mid]) = (a[mid], a[right]);
            float pivot = a[mid];
            int i = left, j = right;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return a[k];
        }
        return a[k];
    }
}
