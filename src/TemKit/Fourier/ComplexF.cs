using System.Runtime.InteropServices;

namespace TemKit.Fourier;

/// <summary>A single-precision complex number laid out as (re, im), binary-compatible with fftwf_complex and MRC mode 4.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ComplexF : IEquatable<ComplexF>
{
    public float Re;
    public float Im;

    public ComplexF(float re, float im) { Re = re; Im = im; }

    /// <summary>|z|².</summary>
    public readonly float MagnitudeSquared => Re * Re + Im * Im;

    /// <summary>|z|.</summary>
    public readonly float Magnitude => MathF.Sqrt(Re * Re + Im * Im);

    /// <summary>arg z in radians.</summary>
    public readonly float Phase => MathF.Atan2(Im, Re);

    public readonly ComplexF Conjugate => new(Re, -Im);

    /// <summary>exp(i·phase).</summary>
    public static ComplexF FromPolar(float magnitude, float phase) => new(magnitude * MathF.Cos(phase), magnitude * MathF.Sin(phase));

    public static ComplexF operator +(ComplexF a, ComplexF b) => new(a.Re + b.Re, a.Im + b.Im);
    public static ComplexF operator -(ComplexF a, ComplexF b) => new(a.Re - b.Re, a.Im - b.Im);
    public static ComplexF operator *(ComplexF a, ComplexF b) => new(a.Re * b.Re - a.Im * b.Im, a.Re * b.Im + a.Im * b.Re);
    public static ComplexF operator *(ComplexF a, float s) => new(a.Re * s, a.Im * s);
    public static ComplexF operator *(float s, ComplexF a) => new(a.Re * s, a.Im * s);

    public readonly bool Equals(ComplexF other) => Re == other.Re && Im == other.Im;
    public override readonly bool Equals(object? obj) => obj is ComplexF c && Equals(c);
    public override readonly int GetHashCode() => HashCode.Combine(Re, Im);
    public static bool operator ==(ComplexF a, ComplexF b) => a.Equals(b);
    public static bool operator !=(ComplexF a, ComplexF b) => !a.Equals(b);
    public override readonly string ToString() => $"({Re:G6}, {Im:G6})";
}
