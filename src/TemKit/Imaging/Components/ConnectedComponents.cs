namespace TemKit.Imaging.Components;

/// <summary>
/// Connected-component labelling of a binary mask: two raster passes with a union-find table (Rosenfeld &amp; Pfaltz
/// 1966; Wu, Otoo &amp; Suzuki 2009). Labels are 1..count numbered in the raster order (y, then x) of each component's
/// first pixel; background is 0.
/// </summary>
public static class ConnectedComponents
{
    /// <summary>
    /// Labels the non-zero pixels of <paramref name="mask"/> (row-major, <paramref name="width"/> x
    /// <paramref name="height"/>) into <paramref name="labels"/>; returns the number of components.
    /// </summary>
    public static int Label(ReadOnlySpan<byte> mask, int width, int height, Span<int> labels, Connectivity connectivity = Connectivity.Eight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        long n = (long)width * height;
        if (mask.Length != n) throw new ArgumentException($"mask has {mask.Length} pixels, {width}x{height} expected", nameof(mask));
        if (labels.Length != n) throw new ArgumentException($"labels have {labels.Length} pixels, {width}x{height} expected", nameof(labels));
        if (connectivity is not (Connectivity.Four or Connectivity.Eight)) throw new ArgumentOutOfRangeException(nameof(connectivity), connectivity, "4 or 8");
        bool diagonal = connectivity == Connectivity.Eight;
        // parent[k] of provisional label k (1-based); a provisional label is new only at a component's first pixel so
        // far, and unions keep the smaller label as root, so the root of a component is the label of its first pixel.
        var parent = new List<int> { 0 };
        for (int y = 0; y < height; y++)
        {
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                int i = row + x;
                if (mask[i] == 0)
                {
                    labels[i] = 0;
                    continue;
                }
                int best = 0;
                if (x > 0) best = Join(parent, best, labels[i - 1]);
                if (y > 0)
                {
                    best = Join(parent, best, labels[i - width]);
                    if (diagonal)
                    {
                        if (x > 0) best = Join(parent, best, labels[i - width - 1]);
                        if (x < width - 1) best = Join(parent, best, labels[i - width + 1]);
                    }
                }
                if (best == 0)
                {
                    best = parent.Count;
                    parent.Add(best);
                }
                labels[i] = best;
            }
        }
        // Final numbers in increasing order of provisional root, i.e. raster order of first pixels.
        var final = new int[parent.Count];
        int count = 0;
        for (int k = 1; k < parent.Count; k++)
        {
            int root = Find(parent, k);
            final[k] = root == k ? ++count : final[root];
        }
        for (long i = 0; i < n; i++)
            if (labels[(int)i] != 0) labels[(int)i] = final[labels[(int)i]];
        return count;
    }

    /// <summary>Unites the sets of <paramref name="current"/> (0 = none yet) and <paramref name="neighbour"/> (0 = background); returns the smaller root.</summary>
    private static int Join(List<int> parent, int current, int neighbour)
    {
        if (neighbour == 0) return current;
        int b = Find(parent, neighbour);
        if (current == 0) return b;
        int a = Find(parent, current);
        if (a == b) return a;
        if (a < b)
        {
            parent[b] = a;
            return a;
        }
        parent[a] = b;
        return b;
    }

    private static int Find(List<int> parent, int k)
    {
        int root = k;
        while (parent[root] != root) root = parent[root];
        while (parent[k] != root)
        {
            int next = parent[k];
            parent[k] = root;
            k = next;
        }
        return root;
    }
}
