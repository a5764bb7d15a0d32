using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace TemKit.IO.Mrc;

/// <summary>Float32 to stored MRC values, refusing anything that would not survive the conversion.</summary>
internal static class MrcEncode
{
    /// <summary>Largest finite float16.</summary>
    private const float HalfMax = 65504f;

    /// <summary>
    /// Encodes <paramref name="source"/> into <paramref name="raw"/> (machine byte order) and puts the values as
    /// they will read back into <paramref name="stored"/> (untouched for float32). <paramref name="firstIndex"/> only
    /// names the offending element in error messages.
    /// </summary>
    public static void FromSingle(ReadOnlySpan<float> source, Span<byte> raw, Span<float> stored, MrcWriteOptions options, long firstIndex)
    {
        switch (options.Mode)
        {
            case MrcMode.Float32:
                MemoryMarshal.AsBytes(source).CopyTo(raw);
                break;
            case MrcMode.Float16:
                if (TensorPrimitives.MaxMagnitude(source) > HalfMax)
                    throw Refuse(source, firstIndex, TensorPrimitives.IndexOfMaxMagnitude(source), "exceeds the float16 range ±65504");
                var half = MemoryMarshal.Cast<byte, Half>(raw);
                TensorPrimitives.ConvertToHalf(source, half);
                TensorPrimitives.ConvertToSingle(half, stored);
                break;
            case MrcMode.Int8:
                ToInteger(source, stored, options, firstIndex, sbyte.MinValue, sbyte.MaxValue);
                TensorPrimitives.ConvertTruncating<float, sbyte>(stored, MemoryMarshal.Cast<byte, sbyte>(raw));
                break;
            case MrcMode.Int16:
                ToInteger(source, stored, options, firstIndex, short.MinValue, short.MaxValue);
                TensorPrimitives.ConvertTruncating<float, short>(stored, MemoryMarshal.Cast<byte, short>(raw));
                break;
            case MrcMode.UInt16:
                ToInteger(source, stored, options, firstIndex, ushort.MinValue, ushort.MaxValue);
                TensorPrimitives.ConvertTruncating<float, ushort>(stored, MemoryMarshal.Cast<byte, ushort>(raw));
                break;
            default:
                throw new ArgumentException($"cannot write mode {options.Mode} from float32 data", nameof(options));
        }
    }

    private static void ToInteger(ReadOnlySpan<float> source, Span<float> stored, MrcWriteOptions options, long firstIndex, float min, float max)
    {
        TensorPrimitives.Round(source, stored);
        if (!options.RoundToIntegers)
        {
            for (int i = 0; i < source.Length; i++)
                if (source[i] != stored[i] && !float.IsNaN(source[i]))
                    throw Refuse(source, firstIndex, i, $"is not a whole number (mode {(int)options.Mode} stores integers; MrcWriteOptions.RoundToIntegers rounds)");
        }
        for (int i = 0; i < stored.Length; i++)
            if (!(stored[i] >= min && stored[i] <= max))
                throw Refuse(source, firstIndex, i, $"is outside the mode {(int)options.Mode} range {min}..{max}");
    }

    private static ArgumentException Refuse(ReadOnlySpan<float> source, long firstIndex, int i, string problem) =>
        new($"value {source[i].ToString("G9", CultureInfo.InvariantCulture)} at index {firstIndex + i} {problem}; nothing was written");
}
