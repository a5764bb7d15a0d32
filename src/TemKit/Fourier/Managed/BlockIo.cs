using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TemKit.Fourier.Managed;

/// <summary>
/// Moves blocks of up to <see cref="FftPlan1D.Lanes"/> rows or columns between interleaved <see cref="ComplexF"/>
/// images and the batched split layout of <see cref="FftPlan1D"/> (element e of lane b at e*Lanes + b). Unused lanes
/// are zeroed so they never hold stale or non-finite values.
/// </summary>
internal static unsafe class BlockIo
{
    private const int Lanes = FftPlan1D.Lanes;
    private const int Tile = 64; // elements per tile: keeps the 64×16 destination tile in L1 while rows stream through

    /// <summary>Lane b ← row src + b*stride, n complex values.</summary>
    public static void LoadRows(ComplexF* src, nint stride, int count, int n, float* re, float* im)
    {
        int done = 0;
        if (count == Lanes && Avx512F.IsSupported)
        {
            // 8 complex values of 16 rows form a 16×16 float tile; transposed, float 2j is re and 2j+1 im of element j.
            Span<Vector512<float>> v = stackalloc Vector512<float>[Lanes];
            for (; done + 8 <= n; done += 8)
            {
                for (int b = 0; b < Lanes; b++) v[b] = Avx512F.LoadVector512((float*)(src + b * stride + done));
                Transpose16(v);
                for (int j = 0; j < 8; j++)
                {
                    Avx512F.Store(re + (done + j) * Lanes, v[2 * j]);
                    Avx512F.Store(im + (done + j) * Lanes, v[2 * j + 1]);
                }
            }
        }
        for (int x0 = done; x0 < n; x0 += Tile)
        {
            int x1 = Math.Min(n, x0 + Tile);
            for (int b = 0; b < count; b++)
            {
                ComplexF* row = src + b * stride;
                for (int x = x0; x < x1; x++)
                {
                    re[x * Lanes + b] = row[x].Re;
                    im[x * Lanes + b] = row[x].Im;
                }
            }
        }
        ZeroLanes(count, n, re, im);
    }

    /// <summary>Lane b ← real row src + b*stride, n values, imaginary part zero.</summary>
    public static void LoadRowsReal(float* src, nint stride, int count, int n, float* re, float* im)
    {
        new Span<float>(im, n * Lanes).Clear();
        for (int x0 = 0; x0 < n; x0 += Tile)
        {
            int x1 = Math.Min(n, x0 + Tile);
            for (int b = 0; b < count; b++)
            {
                float* row = src + b * stride;
                for (int x = x0; x < x1; x++) re[x * Lanes + b] = row[x];
            }
        }
        ZeroLanes(count, n, re, im);
    }

    /// <summary>Row dst + b*stride ← scale × lane b, n complex values, for b &lt; count.</summary>
    public static void StoreRows(float* re, float* im, ComplexF* dst, nint stride, int count, int n, float scale)
    {
        int done = 0;
        if (count == Lanes && Avx512F.IsSupported)
        {
            Span<Vector512<float>> v = stackalloc Vector512<float>[Lanes];
            var s = Vector512.Create(scale);
            for (; done + 8 <= n; done += 8)
            {
                for (int j = 0; j < 8; j++)
                {
                    v[2 * j] = Avx512F.LoadVector512(re + (done + j) * Lanes) * s;
                    v[2 * j + 1] = Avx512F.LoadVector512(im + (done + j) * Lanes) * s;
                }
                Transpose16(v);
                for (int b = 0; b < Lanes; b++) Avx512F.Store((float*)(dst + b * stride + done), v[b]);
            }
        }
        for (int x0 = done; x0 < n; x0 += Tile)
        {
            int x1 = Math.Min(n, x0 + Tile);
            for (int b = 0; b < count; b++)
            {
                ComplexF* row = dst + b * stride;
                for (int x = x0; x < x1; x++)
                    row[x] = new ComplexF(re[x * Lanes + b] * scale, im[x * Lanes + b] * scale);
            }
        }
    }

    /// <summary>Real row dst + b*stride ← scale × Re(lane b), n values, for b &lt; count.</summary>
    public static void StoreRowsReal(float* re, float* dst, nint stride, int count, int n, float scale)
    {
        for (int x0 = 0; x0 < n; x0 += Tile)
        {
            int x1 = Math.Min(n, x0 + Tile);
            for (int b = 0; b < count; b++)
            {
                float* row = dst + b * stride;
                for (int x = x0; x < x1; x++) row[x] = re[x * Lanes + b] * scale;
            }
        }
    }

    // vpermt2ps indices: even floats (re) and odd floats (im) of two vectors of 8 interleaved complex values, and back.
    private static readonly Vector512<int> s_even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    private static readonly Vector512<int> s_odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    private static readonly Vector512<int> s_low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    private static readonly Vector512<int> s_high = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);

    /// <summary>Lane b ← column b of the n rows starting at src (row stride <paramref name="stride"/>).</summary>
    public static void LoadColumns(ComplexF* src, nint stride, int count, int n, float* re, float* im)
    {
        if (count == Lanes && Avx512F.IsSupported)
        {
            Vector512<int> even = s_even, odd = s_odd;
            for (int y = 0; y < n; y++)
            {
                float* row = (float*)(src + y * stride);
                var a = Avx512F.LoadVector512(row);
                var b = Avx512F.LoadVector512(row + 16);
                Avx512F.Store(re + y * Lanes, Avx512F.PermuteVar16x32x2(a, even, b));
                Avx512F.Store(im + y * Lanes, Avx512F.PermuteVar16x32x2(a, odd, b));
            }
            return;
        }
        for (int y = 0; y < n; y++)
        {
            ComplexF* row = src + y * stride;
            float* r = re + y * Lanes, i = im + y * Lanes;
            for (int b = 0; b < count; b++)
            {
                r[b] = row[b].Re;
                i[b] = row[b].Im;
            }
        }
        ZeroLanes(count, n, re, im);
    }

    /// <summary>Column b of the n rows starting at dst ← scale × lane b, for b &lt; count.</summary>
    public static void StoreColumns(float* re, float* im, ComplexF* dst, nint stride, int count, int n, float scale)
    {
        if (count == Lanes && Avx512F.IsSupported)
        {
            Vector512<int> low = s_low, high = s_high;
            var s = Vector512.Create(scale);
            for (int y = 0; y < n; y++)
            {
                float* row = (float*)(dst + y * stride);
                var r = Avx512F.LoadVector512(re + y * Lanes) * s;
                var i = Avx512F.LoadVector512(im + y * Lanes) * s;
                Avx512F.Store(row, Avx512F.PermuteVar16x32x2(r, low, i));
                Avx512F.Store(row + 16, Avx512F.PermuteVar16x32x2(r, high, i));
            }
            return;
        }
        for (int y = 0; y < n; y++)
        {
            ComplexF* row = dst + y * stride;
            float* r = re + y * Lanes, i = im + y * Lanes;
            for (int b = 0; b < count; b++) row[b] = new ComplexF(r[b] * scale, i[b] * scale);
        }
    }

    /// <summary>dst[y·stride + b] += re² + im² for the <paramref name="count"/> lanes of each of n rows.</summary>
    public static void AddColumnPower(float* re, float* im, float* dst, nint stride, int count, int n)
    {
        if (count == Lanes && Avx512F.IsSupported)
        {
            for (int y = 0; y < n; y++)
            {
                float* row = dst + y * stride;
                var r = Avx512F.LoadVector512(re + y * Lanes);
                var i = Avx512F.LoadVector512(im + y * Lanes);
                Avx512F.Store(row, Avx512F.FusedMultiplyAdd(r, r, Avx512F.FusedMultiplyAdd(i, i, Avx512F.LoadVector512(row))));
            }
            return;
        }
        for (int y = 0; y < n; y++)
        {
            float* row = dst + y * stride;
            float* r = re + y * Lanes, i = im + y * Lanes;
            for (int b = 0; b < count; b++) row[b] += r[b] * r[b] + i[b] * i[b];
        }
    }

    // Index vectors of the 16×16 transpose: stage s swaps bit s of the row with bit s of the column.
    private static readonly Vector512<int>[] s_transposeLow = TransposeIndices(low: true);
    private static readonly Vector512<int>[] s_transposeHigh = TransposeIndices(low: false);

    private static Vector512<int>[] TransposeIndices(bool low)
    {
        var result = new Vector512<int>[4];
        Span<int> idx = stackalloc int[16];
        for (int stage = 0; stage < 4; stage++)
        {
            int bit = 1 << stage;
            for (int c = 0; c < 16; c++)
                idx[c] = low ? ((c & bit) == 0 ? c : 16 + c - bit) : ((c & bit) == 0 ? c + bit : 16 + c);
            result[stage] = Vector512.Create((ReadOnlySpan<int>)idx);
        }
        return result;
    }

    /// <summary>In-place transpose of a 16×16 float matrix held as 16 row vectors (four two-source permute stages).</summary>
    private static void Transpose16(Span<Vector512<float>> v)
    {
        for (int stage = 0; stage < 4; stage++)
        {
            int bit = 1 << stage;
            Vector512<int> lo = s_transposeLow[stage], hi = s_transposeHigh[stage];
            for (int r = 0; r < Lanes; r++)
            {
                if ((r & bit) != 0) continue;
                var a = v[r];
                var b = v[r | bit];
                v[r] = Avx512F.PermuteVar16x32x2(a, lo, b);
                v[r | bit] = Avx512F.PermuteVar16x32x2(a, hi, b);
            }
        }
    }

    private static void ZeroLanes(int count, int n, float* re, float* im)
    {
        if (count == Lanes) return;
        for (int x = 0; x < n; x++)
            for (int b = count; b < Lanes; b++)
            {
                re[x * Lanes + b] = 0;
                im[x * Lanes + b] = 0;
            }
    }
}
