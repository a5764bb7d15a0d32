using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TemKit.IO;

/// <summary>
/// Widening of 8- and 16-bit camera pixels to float32 with Vector256 and a scalar tail, shared by the MRC and DM readers
/// (TensorPrimitives' generic conversion is not vectorised for these types: about 4x slower
/// on a 4096 x 4096 uint16 frame, see bench dm-read).
/// </summary>
internal static class PixelConvert
{
    public static void ToSingle(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        Check(source.Length, destination.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref ushort s = ref MemoryMarshal.GetReference(source);
            ref float d = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                Vector256.ConvertToSingle(lo.AsInt32()).StoreUnsafe(ref d, (nuint)i);
                Vector256.ConvertToSingle(hi.AsInt32()).StoreUnsafe(ref d, (nuint)(i + Vector256<int>.Count));
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i];
    }

    public static void ToSingle(ReadOnlySpan<short> source, Span<float> destination)
    {
        Check(source.Length, destination.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref short s = ref MemoryMarshal.GetReference(source);
            ref float d = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector256<short>.Count; i += Vector256<short>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                Vector256.ConvertToSingle(lo).StoreUnsafe(ref d, (nuint)i);
                Vector256.ConvertToSingle(hi).StoreUnsafe(ref d, (nuint)(i + Vector256<int>.Count));
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i];
    }

    public static void ToSingle(ReadOnlySpan<byte> source, Span<float> destination)
    {
        Check(source.Length, destination.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref byte s = ref MemoryMarshal.GetReference(source);
            ref float d = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                Store(lo, ref d, i);
                Store(hi, ref d, i + Vector256<ushort>.Count);
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i];
    }

    public static void ToSingle(ReadOnlySpan<sbyte> source, Span<float> destination)
    {
        Check(source.Length, destination.Length);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref sbyte s = ref MemoryMarshal.GetReference(source);
            ref float d = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)i));
                Store(lo, ref d, i);
                Store(hi, ref d, i + Vector256<short>.Count);
            }
        }
        for (; i < source.Length; i++) destination[i] = source[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<ushort> v, ref float d, int at)
    {
        var (lo, hi) = Vector256.Widen(v);
        Vector256.ConvertToSingle(lo.AsInt32()).StoreUnsafe(ref d, (nuint)at);
        Vector256.ConvertToSingle(hi.AsInt32()).StoreUnsafe(ref d, (nuint)(at + Vector256<int>.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<short> v, ref float d, int at)
    {
        var (lo, hi) = Vector256.Widen(v);
        Vector256.ConvertToSingle(lo).StoreUnsafe(ref d, (nuint)at);
        Vector256.ConvertToSingle(hi).StoreUnsafe(ref d, (nuint)(at + Vector256<int>.Count));
    }

    private static void Check(int source, int destination)
    {
        if (destination < source) throw new ArgumentException($"destination holds {destination} values, source has {source}", nameof(destination));
    }
}
