namespace TemKit.Neural.Convolution;

/// <summary>
/// Margins of padded planes: a plane of (h + 2m) rows with <c>rowStride</c> floats per row (at least w + 2m) holds the
/// image at rows and columns m .. m+h-1, m .. m+w-1. <see cref="Fill"/> writes the margins from the interior
/// (forward pass); <see cref="Fold"/> adds gradients accumulated in the margins back onto the pixels they came from
/// (its adjoint, backward pass) and clears the margins.
/// </summary>
internal static class Padding
{
    /// <summary>Index of the pixel that the reflected index <paramref name="i"/> reads, for an axis of length <paramref name="n"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int Reflect(int i, int n)
    {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        i %= period;
        if (i < 0) i += period;
        return i >= n ? period - i : i;
    }

    /// <summary>Fills the margins of one padded plane from its interior.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Fill(Span<float> plane, int rowStride, int h, int w, int m, PaddingMode mode)
    {
        if (m == 0) return;
        int pw = w + 2 * m;
        for (int y = m; y < m + h; y++)
        {
            var row = plane.Slice(y * rowStride, pw);
            for (int k = 0; k < m; k++)
            {
                row[k] = mode == PaddingMode.Zero ? 0f : row[m + Reflect(k - m, w)];
                row[m + w + k] = mode == PaddingMode.Zero ? 0f : row[m + Reflect(w + k, w)];
            }
        }
        for (int k = 0; k < m; k++)
        {
            FillRow(plane, rowStride, pw, k, mode == PaddingMode.Zero ? -1 : m + Reflect(k - m, h));
            FillRow(plane, rowStride, pw, m + h + k, mode == PaddingMode.Zero ? -1 : m + Reflect(h + k, h));
        }
    }

    private static void FillRow(Span<float> plane, int rowStride, int pw, int y, int from)
    {
        var dst = plane.Slice(y * rowStride, pw);
        if (from < 0) dst.Clear();
        else plane.Slice(from * rowStride, pw).CopyTo(dst);
    }

    /// <summary>Adds each margin value onto the interior pixel it was read from (reflect) or drops it (zero); clears the margins.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Fold(Span<float> plane, int rowStride, int h, int w, int m, PaddingMode mode)
    {
        if (m == 0) return;
        int pw = w + 2 * m;
        bool reflect = mode == PaddingMode.Reflect;
        for (int k = 0; k < m; k++)
        {
            FoldRow(plane, rowStride, pw, k, reflect ? m + Reflect(k - m, h) : -1);
            FoldRow(plane, rowStride, pw, m + h + k, reflect ? m + Reflect(h + k, h) : -1);
        }
        for (int y = m; y < m + h; y++)
        {
            var row = plane.Slice(y * rowStride, pw);
            for (int k = 0; k < m; k++)
            {
                if (reflect)
                {
                    row[m + Reflect(k - m, w)] += row[k];
                    row[m + Reflect(w + k, w)] += row[m + w + k];
                }
                row[k] = 0f;
                row[m + w + k] = 0f;
            }
        }
    }

    private static void FoldRow(Span<float> plane, int rowStride, int pw, int y, int into)
    {
        var src = plane.Slice(y * rowStride, pw);
        if (into >= 0)
        {
            var dst = plane.Slice(into * rowStride, pw);
            System.Numerics.Tensors.TensorPrimitives.Add(dst, src, dst);
        }
        src.Clear();
    }
}
