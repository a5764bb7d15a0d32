using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
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

    /// <summary>In-place transpose of a 16×16 float matrix held as 16 row vectors: four two-source permute stages on
    /// locals (one load and one store per row; the stages stay in registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose16(Span<Vector512<float>> v)
    {
        ref Vector512<float> m = ref MemoryMarshal.GetReference(v);
        var a0 = Unsafe.Add(ref m, 0);
        var a1 = Unsafe.Add(ref m, 1);
        var a2 = Unsafe.Add(ref m, 2);
        var a3 = Unsafe.Add(ref m, 3);
        var a4 = Unsafe.Add(ref m, 4);
        var a5 = Unsafe.Add(ref m, 5);
        var a6 = Unsafe.Add(ref m, 6);
        var a7 = Unsafe.Add(ref m, 7);
        var a8 = Unsafe.Add(ref m, 8);
        var a9 = Unsafe.Add(ref m, 9);
        var a10 = Unsafe.Add(ref m, 10);
        var a11 = Unsafe.Add(ref m, 11);
        var a12 = Unsafe.Add(ref m, 12);
        var a13 = Unsafe.Add(ref m, 13);
        var a14 = Unsafe.Add(ref m, 14);
        var a15 = Unsafe.Add(ref m, 15);
        var lo0 = Vector512.Create(0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
        var hi0 = Vector512.Create(1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31);
        var b0 = Avx512F.PermuteVar16x32x2(a0, lo0, a1);
        var b1 = Avx512F.PermuteVar16x32x2(a0, hi0, a1);
        var b2 = Avx512F.PermuteVar16x32x2(a2, lo0, a3);
        var b3 = Avx512F.PermuteVar16x32x2(a2, hi0, a3);
        var b4 = Avx512F.PermuteVar16x32x2(a4, lo0, a5);
        var b5 = Avx512F.PermuteVar16x32x2(a4, hi0, a5);
        var b6 = Avx512F.PermuteVar16x32x2(a6, lo0, a7);
        var b7 = Avx512F.PermuteVar16x32x2(a6, hi0, a7);
        var b8 = Avx512F.PermuteVar16x32x2(a8, lo0, a9);
        var b9 = Avx512F.PermuteVar16x32x2(a8, hi0, a9);
        var b10 = Avx512F.PermuteVar16x32x2(a10, lo0, a11);
        var b11 = Avx512F.PermuteVar16x32x2(a10, hi0, a11);
        var b12 = Avx512F.PermuteVar16x32x2(a12, lo0, a13);
        var b13 = Avx512F.PermuteVar16x32x2(a12, hi0, a13);
        var b14 = Avx512F.PermuteVar16x32x2(a14, lo0, a15);
        var b15 = Avx512F.PermuteVar16x32x2(a14, hi0, a15);
        var lo1 = Vector512.Create(0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29);
        var hi1 = Vector512.Create(2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31);
        var c0 = Avx512F.PermuteVar16x32x2(b0, lo1, b2);
        var c2 = Avx512F.PermuteVar16x32x2(b0, hi1, b2);
        var c1 = Avx512F.PermuteVar16x32x2(b1, lo1, b3);
        var c3 = Avx512F.PermuteVar16x32x2(b1, hi1, b3);
        var c4 = Avx512F.PermuteVar16x32x2(b4, lo1, b6);
        var c6 = Avx512F.PermuteVar16x32x2(b4, hi1, b6);
        var c5 = Avx512F.PermuteVar16x32x2(b5, lo1, b7);
        var c7 = Avx512F.PermuteVar16x32x2(b5, hi1, b7);
        var c8 = Avx512F.PermuteVar16x32x2(b8, lo1, b10);
        var c10 = Avx512F.PermuteVar16x32x2(b8, hi1, b10);
        var c9 = Avx512F.PermuteVar16x32x2(b9, lo1, b11);
        var c11 = Avx512F.PermuteVar16x32x2(b9, hi1, b11);
        var c12 = Avx512F.PermuteVar16x32x2(b12, lo1, b14);
        var c14 = Avx512F.PermuteVar16x32x2(b12, hi1, b14);
        var c13 = Avx512F.PermuteVar16x32x2(b13, lo1, b15);
        var c15 = Avx512F.PermuteVar16x32x2(b13, hi1, b15);
        var lo2 = Vector512.Create(0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27);
        var hi2 = Vector512.Create(4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31);
        var d0 = Avx512F.PermuteVar16x32x2(c0, lo2, c4);
        var d4 = Avx512F.PermuteVar16x32x2(c0, hi2, c4);
        var d1 = Avx512F.PermuteVar16x32x2(c1, lo2, c5);
        var d5 = Avx512F.PermuteVar16x32x2(c1, hi2, c5);
        var d2 = Avx512F.PermuteVar16x32x2(c2, lo2, c6);
        var d6 = Avx512F.PermuteVar16x32x2(c2, hi2, c6);
        var d3 = Avx512F.PermuteVar16x32x2(c3, lo2, c7);
        var d7 = Avx512F.PermuteVar16x32x2(c3, hi2, c7);
        var d8 = Avx512F.PermuteVar16x32x2(c8, lo2, c12);
        var d12 = Avx512F.PermuteVar16x32x2(c8, hi2, c12);
        var d9 = Avx512F.PermuteVar16x32x2(c9, lo2, c13);
        var d13 = Avx512F.PermuteVar16x32x2(c9, hi2, c13);
        var d10 = Avx512F.PermuteVar16x32x2(c10, lo2, c14);
        var d14 = Avx512F.PermuteVar16x32x2(c10, hi2, c14);
        var d11 = Avx512F.PermuteVar16x32x2(c11, lo2, c15);
        var d15 = Avx512F.PermuteVar16x32x2(c11, hi2, c15);
        var lo3 = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
        var hi3 = Vector512.Create(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
        var e0 = Avx512F.PermuteVar16x32x2(d0, lo3, d8);
        var e8 = Avx512F.PermuteVar16x32x2(d0, hi3, d8);
        var e1 = Avx512F.PermuteVar16x32x2(d1, lo3, d9);
        var e9 = Avx512F.PermuteVar16x32x2(d1, hi3, d9);
        var e2 = Avx512F.PermuteVar16x32x2(d2, lo3, d10);
        var e10 = Avx512F.PermuteVar16x32x2(d2, hi3, d10);
        var e3 = Avx512F.PermuteVar16x32x2(d3, lo3, d11);
        var e11 = Avx512F.PermuteVar16x32x2(d3, hi3, d11);
        var e4 = Avx512F.PermuteVar16x32x2(d4, lo3, d12);
        var e12 = Avx512F.PermuteVar16x32x2(d4, hi3, d12);
        var e5 = Avx512F.PermuteVar16x32x2(d5, lo3, d13);
        var e13 = Avx512F.PermuteVar16x32x2(d5, hi3, d13);
        var e6 = Avx512F.PermuteVar16x32x2(d6, lo3, d14);
        var e14 = Avx512F.PermuteVar16x32x2(d6, hi3, d14);
        var e7 = Avx512F.PermuteVar16x32x2(d7, lo3, d15);
        var e15 = Avx512F.PermuteVar16x32x2(d7, hi3, d15);
        Unsafe.Add(ref m, 0) = e0;
        Unsafe.Add(ref m, 1) = e1;
        Unsafe.Add(ref m, 2) = e2;
        Unsafe.Add(ref m, 3) = e3;
        Unsafe.Add(ref m, 4) = e4;
        Unsafe.Add(ref m, 5) = e5;
        Unsafe.Add(ref m, 6) = e6;
        Unsafe.Add(ref m, 7) = e7;
        Unsafe.Add(ref m, 8) = e8;
        Unsafe.Add(ref m, 9) = e9;
        Unsafe.Add(ref m, 10) = e10;
        Unsafe.Add(ref m, 11) = e11;
        Unsafe.Add(ref m, 12) = e12;
        Unsafe.Add(ref m, 13) = e13;
        Unsafe.Add(ref m, 14) = e14;
        Unsafe.Add(ref m, 15) = e15;
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
