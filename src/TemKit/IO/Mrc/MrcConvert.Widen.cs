using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TemKit.IO.Mrc;

internal static partial class MrcConvert
{
    /// <summary>uint16 to float32: widen to 32 bits (values fit in int32) and convert, 16 per step, scalar tail.</summary>
    public static void UInt16ToSingle(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        int n = source.Length;
        if (destination.Length < n) throw new ArgumentException("destination too short", nameof(destination));
        ref ushort src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                Vector256.ConvertToSingle(lo.AsInt32()).StoreUnsafe(ref dst, (nuint)i);
                Vector256.ConvertToSingle(hi.AsInt32()).StoreUnsafe(ref dst, (nuint)(i + Vector256<int>.Count));
            }
        }
        for (; i < n; i++) destination[i] = source[i];
    }

    /// <summary>int16 to float32: sign-extend to 32 bits and convert, 16 per step, scalar tail.</summary>
    public static void Int16ToSingle(ReadOnlySpan<short> source, Span<float> destination)
    {
        int n = source.Length;
        if (destination.Length < n) throw new ArgumentException("destination too short", nameof(destination));
        ref short src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= n - Vector256<short>.Count; i += Vector256<short>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                Vector256.ConvertToSingle(lo).StoreUnsafe(ref dst, (nuint)i);
                Vector256.ConvertToSingle(hi).StoreUnsafe(ref dst, (nuint)(i + Vector256<int>.Count));
            }
        }
        for (; i < n; i++) destination[i] = source[i];
    }
}
