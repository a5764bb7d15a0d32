using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TemKit.Fourier;

namespace TemKit.Simulation.Multislice;

/// <summary>
/// Element-wise kernels on complex arrays used by the multislice and imaging loops: AVX where available with a scalar
/// tail, split into chunks run in parallel for grid-sized arrays.
/// </summary>
internal static unsafe class ComplexOps
{
    private const int Chunk = 1 << 14;

    /// <summary>a[i] *= b[i].</summary>
    public static void Multiply(Span<ComplexF> a, ReadOnlySpan<ComplexF> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("complex arrays differ in length");
        fixed (ComplexF* pa = a)
        fixed (ComplexF* pb = b)
        {
            nint xa = (nint)pa, xb = (nint)pb;
            ForChunks(a.Length, (start, count) => MultiplyKernel((float*)(xa + start * sizeof(ComplexF)), (float*)(xb + start * sizeof(ComplexF)), count));
        }
    }

    /// <summary>acc[i] += alpha·x[i] (complex AXPY), AVX where available with a scalar tail.</summary>
    public static void MultiplyAdd(Span<ComplexF> acc, ReadOnlySpan<ComplexF> x, ComplexF alpha)
    {
        if (acc.Length != x.Length) throw new ArgumentException("complex arrays differ in length");
        fixed (ComplexF* pa = acc)
        fixed (ComplexF* px = x)
        {
            float* a = (float*)pa, b = (float*)px;
            int i = 0, count = acc.Length;
            if (Avx.IsSupported)
            {
                var re = Vector256.Create(alpha.Re);
                var im = Vector256.Create(alpha.Im);
                for (; i + 4 <= count; i += 4)
                {
                    var vx = Avx.LoadVector256(b + 2 * i);
                    var swap = Avx.Permute(vx, 0b10_11_00_01);
                    var product = Avx.AddSubtract(Avx.Multiply(vx, re), Avx.Multiply(swap, im));
                    Avx.Store(a + 2 * i, Avx.Add(Avx.LoadVector256(a + 2 * i), product));
                }
            }
            for (; i < count; i++)
            {
                float xr = b[2 * i], xi = b[2 * i + 1];
                a[2 * i] += xr * alpha.Re - xi * alpha.Im;
                a[2 * i + 1] += xr * alpha.Im + xi * alpha.Re;
            }
        }
    }

    /// <summary>a[i] *= m[i] for a real mask or envelope.</summary>
    public static void Multiply(Span<ComplexF> a, ReadOnlySpan<float> m)
    {
        if (a.Length != m.Length) throw new ArgumentException("arrays differ in length");
        var f = MemoryMarshal.Cast<ComplexF, float>(a);
        for (int i = 0; i < m.Length; i++)
        {
            f[2 * i] *= m[i];
            f[2 * i + 1] *= m[i];
        }
    }

    /// <summary>destination[i] = exp(i·scale·phase[i]), using <paramref name="sin"/> and <paramref name="cos"/> as scratch.</summary>
    public static void Exp(ReadOnlySpan<float> phase, float scale, Span<ComplexF> destination, Span<float> sin, Span<float> cos)
    {
        if (phase.Length != destination.Length || sin.Length != phase.Length || cos.Length != phase.Length)
            throw new ArgumentException("arrays differ in length");
        fixed (float* pp = phase)
        fixed (float* ps = sin)
        fixed (float* pc = cos)
        fixed (ComplexF* pd = destination)
        {
            nint xp = (nint)pp, xs = (nint)ps, xc = (nint)pc, xd = (nint)pd;
            ForChunks(phase.Length, (start, count) =>
            {
                var p = new Span<float>((float*)xp + start, count);
                var s = new Span<float>((float*)xs + start, count);
                var c = new Span<float>((float*)xc + start, count);
                TensorPrimitives.Multiply(p, scale, s);
                TensorPrimitives.SinCos(s, s, c);
                var d = (ComplexF*)xd + start;
                for (int i = 0; i < count; i++) d[i] = new ComplexF(c[i], s[i]);
            });
        }
    }

    /// <summary>destination[i] = |a[i]|².</summary>
    public static void Intensity(ReadOnlySpan<ComplexF> a, Span<float> destination)
    {
        if (a.Length != destination.Length) throw new ArgumentException("arrays differ in length");
        for (int i = 0; i < a.Length; i++) destination[i] = a[i].Re * a[i].Re + a[i].Im * a[i].Im;
    }

    // Runs body(start, count) over [0, n) in chunks, in parallel when there is more than one chunk (unless the caller is
    // a batch worker inside an InnerParallelism.Serial scope).
    private static void ForChunks(int n, Action<int, int> body)
    {
        int chunks = (n + Chunk - 1) / Chunk;
        if (chunks <= 1 || Numerics.InnerParallelism.IsSerial)
        {
            for (int c = 0; c < chunks; c++) body(c * Chunk, Math.Min(Chunk, n - c * Chunk));
            return;
        }
        Parallel.For(0, chunks, c =>
        {
            int start = c * Chunk;
            body(start, Math.Min(Chunk, n - start));
        });
    }

    // (ar + i ai)(br + i bi) on interleaved floats: AVX addsub of a·dup(br) and swap(a)·dup(bi), scalar tail.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyKernel(float* a, float* b, int count)
    {
        int i = 0;
        if (Avx.IsSupported)
        {
            for (; i + 4 <= count; i += 4)
            {
                var va = Avx.LoadVector256(a + 2 * i);
                var vb = Avx.LoadVector256(b + 2 * i);
                var bRe = Avx.DuplicateEvenIndexed(vb);
                var bIm = Avx.DuplicateOddIndexed(vb);
                var aSwap = Avx.Permute(va, 0b10_11_00_01);
                Avx.Store(a + 2 * i, Avx.AddSubtract(Avx.Multiply(va, bRe), Avx.Multiply(aSwap, bIm)));
            }
        }
        for (; i < count; i++)
        {
            float ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1];
            a[2 * i] = ar * br - ai * bi;
            a[2 * i + 1] = ar * bi + ai * br;
        }
    }
}
