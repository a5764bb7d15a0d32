using System.Runtime.InteropServices;

namespace TemKit.Fourier;

/// <summary>A single-precision complex number laid out as (re, im), binary-compatible with fftwf_complex and MRC mode 4.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct ComplexF : IEquatable<ComplexF>
{
    /// <summary>Real part.</summary>
    public float Re;
    /// <summary>Imaginary part.</summary>
    public float Im;

    /// <summary>The complex number <paramref name="re"/> + i <paramref name="im"/>.</summary>
    public ComplexF(float re, float im) { Re = re; Im = im; }

    /// <summary>|z|².</summary>
    public readonly float MagnitudeSquared => Re * Re + Im * Im;

    /// <summary>|z|.</summary>
    public readonly float Magnitude => MathF.Sqrt(Re * Re + Im * Im);

    /// <summary>arg z in radians.</summary>
    public readonly float Phase => MathF.Atan2(Im, Re);

    /// <summary>The complex conjugate re − i im.</summary>
    public readonly ComplexF Conjugate => new(Re, -Im);

    /// <summary>exp(i·phase).</summary>
    public static ComplexF FromPolar(float magnitude, float phase) => new(magnitude * MathF.Cos(phase), magnitude * MathF.Sin(phase));

    /// <summary>Sum.</summary>
    public static ComplexF operator +(ComplexF a, ComplexF b) => new(a.Re + b.Re, a.Im + b.Im);
    /// <summary>Difference.</summary>
    public static ComplexF operator -(ComplexF a, ComplexF b) => new(a.Re - b.Re, a.Im - b.Im);
    /// <summary>Complex product.</summary>
    public static ComplexF operator *(ComplexF a, ComplexF b) => new(a.Re * b.Re - a.Im * b.Im, a.Re * b.Im + a.Im * b.Re);
    /// <summary>Scales both parts by <paramref name="s"/>.</summary>
    public static ComplexF operator *(ComplexF a, float s) => new(a.Re * s, a.Im * s);
    /// <summary>Scales both parts by <paramref name="s"/>.</summary>
    public static ComplexF operator *(float s, ComplexF a) => new(a.Re * s, a.Im * s);

    /// <summary>Exact equality of both parts.</summary>
    public readonly bool Equals(ComplexF other) => Re == other.Re && Im == other.Im;
    /// <summary>Exact equality with another <see cref="ComplexF"/>.</summary>
    public override readonly bool Equals(object? obj) => obj is ComplexF c && Equals(c);
    /// <summary>Hash of both parts.</summary>
    public override readonly int GetHashCode() => HashCode.Combine(Re, Im);
    /// <summary>Exact equality of both parts.</summary>
    public static bool operator ==(ComplexF a, ComplexF b) => a.Equals(b);
    /// <summary>True when either part differs.</summary>
    public static bool operator !=(ComplexF a, ComplexF b) => !a.Equals(b);
    /// <summary>"(re, im)" with 6 significant digits.</summary>
    public override readonly string ToString() => $"({Re:G6}, {Im:G6})";
}
