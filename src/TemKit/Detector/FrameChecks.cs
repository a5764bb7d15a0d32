using System.Globalization;
using System.Numerics.Tensors;

namespace TemKit.Detector;

/// <summary>Checks that a frame can be a detector image at all: finite, not blank, constant or saturated.</summary>
public static class FrameChecks
{
    /// <summary>Null if the frame looks usable, else what is wrong with it.</summary>
    public static string? Problem(ReadOnlySpan<float> pixels)
    {
        if (pixels.Length == 0) return "frame is empty";
        foreach (float v in pixels) if (!float.IsFinite(v)) return "frame holds NaN or infinite pixels";
        float max = TensorPrimitives.Max(pixels), min = TensorPrimitives.Min(pixels);
        if (max == 0 && min == 0) return "frame is all zero";
        if (max == min) return string.Create(CultureInfo.InvariantCulture, $"frame is constant ({max:G6} everywhere)");

        // Saturation piles pixels up at the ceiling: many at the maximum, more than at the next value below it.
        int atMax = 0, atNext = 0;
        float next = float.NegativeInfinity;
        foreach (float v in pixels)
        {
            if (v == max) atMax++;
            else if (v > next) next = v;
        }
        foreach (float v in pixels) if (v == next) atNext++;
        if (atMax >= Math.Max(10, pixels.Length / 200) && atMax > 2 * atNext)
            return string.Create(CultureInfo.InvariantCulture, $"frame is saturated: {100.0 * atMax / pixels.Length:F1}% of pixels at the maximum {max:G6}");
        return null;
    }
}
