using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using TemKit.Fourier;

namespace TemKit.Simulation.Multislice;

/// <summary>Element-wise kernels on complex arrays used by the multislice and imaging loops.</summary>
internal static class ComplexOps
{
    /// <summary>a[i] *= b[i].</summary>
    public static void Multiply(Span<ComplexF> a, ReadOnlySpan<ComplexF> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("complex arrays differ in length");
        for (int i = 0; i < a.Length; i++)
        {
            var x = a[i]; var y = b[i];
            a[i] = new ComplexF(x.Re * y.Re - x.Im * y.Im, x.Re * y.Im + x.Im * y.Re);
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
        TensorPrimitives.Multiply(phase, scale, sin);
        TensorPrimitives.SinCos(sin, sin, cos);
        for (int i = 0; i < phase.Length; i++) destination[i] = new ComplexF(cos[i], sin[i]);
    }

    /// <summary>destination[i] = |a[i]|².</summary>
    public static void Intensity(ReadOnlySpan<ComplexF> a, Span<float> destination)
    {
        if (a.Length != destination.Length) throw new ArgumentException("arrays differ in length");
        for (int i = 0; i < a.Length; i++) destination[i] = a[i].Re * a[i].Re + a[i].Im * a[i].Im;
    }
}
