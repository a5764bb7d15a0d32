using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TemKit.Fourier.Managed;

/// <summary>
/// The few float vector operations the FFT kernels need, so one generic kernel serves 512-bit, 256-bit and scalar
/// hardware. Each implementation is a struct, so the JIT compiles a specialised copy of every kernel per width.
/// </summary>
internal interface ISimd<TSelf> where TSelf : struct, ISimd<TSelf>
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }
    static abstract TSelf Load(ref float source, nint offset);
    static abstract void Store(TSelf value, ref float destination, nint offset);
    static abstract TSelf Broadcast(float value);
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    /// <summary>a*b + c, fused where the hardware has FMA.</summary>
    static abstract TSelf MulAdd(TSelf a, TSelf b, TSelf c);
}

/// <summary>Sixteen floats in one AVX-512 register.</summary>
internal readonly struct Simd512 : ISimd<Simd512>
{
    private readonly Vector512<float> _v;
    private Simd512(Vector512<float> v) => _v = v;
    public static int Count => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Load(ref float source, nint offset) => new(Vector512.LoadUnsafe(ref source, (nuint)offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd512 value, ref float destination, nint offset) => value._v.StoreUnsafe(ref destination, (nuint)offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Broadcast(float value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator +(Simd512 a, Simd512 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator -(Simd512 a, Simd512 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator *(Simd512 a, Simd512 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 MulAdd(Simd512 a, Simd512 b, Simd512 c) => new(Vector512.MultiplyAddEstimate(a._v, b._v, c._v));
}

/// <summary>Eight floats in one AVX register.</summary>
internal readonly struct Simd256 : ISimd<Simd256>
{
    private readonly Vector256<float> _v;
    private Simd256(Vector256<float> v) => _v = v;
    public static int Count => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Load(ref float source, nint offset) => new(Vector256.LoadUnsafe(ref source, (nuint)offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd256 value, ref float destination, nint offset) => value._v.StoreUnsafe(ref destination, (nuint)offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Broadcast(float value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator +(Simd256 a, Simd256 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator -(Simd256 a, Simd256 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator *(Simd256 a, Simd256 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 MulAdd(Simd256 a, Simd256 b, Simd256 c) => new(Vector256.MultiplyAddEstimate(a._v, b._v, c._v));
}

/// <summary>One float: the portable path for hardware without vector units, and the reference the tests compare widths against.</summary>
internal readonly struct Scalar1 : ISimd<Scalar1>
{
    private readonly float _v;
    private Scalar1(float v) => _v = v;
    public static int Count => 1;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar1 Load(ref float source, nint offset) => new(Unsafe.Add(ref source, offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Scalar1 value, ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = value._v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar1 Broadcast(float value) => new(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar1 operator +(Scalar1 a, Scalar1 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar1 operator -(Scalar1 a, Scalar1 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar1 operator *(Scalar1 a, Scalar1 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Scalar1 MulAdd(Scalar1 a, Scalar1 b, Scalar1 c) => new(a._v * b._v + c._v);
}

/// <summary>Which vector width the managed FFT kernels run with.</summary>
internal enum SimdWidth
{
    /// <summary>The widest accelerated width on this machine.</summary>
    Auto,
    Bits512,
    Bits256,
    Scalar,
}
