using System.Numerics.Tensors;

namespace TemKit.Tomography.Interpolation;

/// <summary>
/// Per-frame min-max normalisation to [0, 1], as TSGNet (Sagar et al.) normalises its frames, so PSNR figures with a
/// data range of 1 are comparable with theirs: x' = (x − min)/(max − min) with the frame's own minimum and maximum
/// (a constant frame becomes all zeros). Every input frame, target frame and prediction is normalised on its own.
/// </summary>
public static class FrameNormalisation
{
    /// <summary>The frame's minimum and maximum.</summary>
    public static (float Min, float Max) Range(ReadOnlySpan<float> frame)
    {
        if (frame.IsEmpty) throw new ArgumentException("the frame is empty");
        return (TensorPrimitives.Min(frame), TensorPrimitives.Max(frame));
    }

    /// <summary>Writes the normalised <paramref name="frame"/> into <paramref name="destination"/> and returns the frame's range.</summary>
    public static (float Min, float Max) Normalise(ReadOnlySpan<float> frame, Span<float> destination)
    {
        if (destination.Length != frame.Length) throw new ArgumentException($"destination holds {destination.Length} values, the frame {frame.Length}");
        var (min, max) = Range(frame);
        float span = max - min;
        if (!(span > 0))
        {
            destination.Clear();
            return (min, max);
        }
        TensorPrimitives.Subtract(frame, min, destination);
        TensorPrimitives.Multiply(destination, 1 / span, destination);
        return (min, max);
    }

    /// <summary>
    /// The shared range of a pair of input frames: the mean of their minima and the mean of their maxima. The learned
    /// interpolator maps both inputs and its target with this one affine map, so that the target lies in the inputs'
    /// units and the network never has to guess the target frame's own (unseen) maximum.
    /// </summary>
    public static (float Min, float Max) PairRange(ReadOnlySpan<float> before, ReadOnlySpan<float> after)
    {
        var (minA, maxA) = Range(before);
        var (minB, maxB) = Range(after);
        return (0.5f * (minA + minB), 0.5f * (maxA + maxB));
    }

    /// <summary>Writes (x − min)/(max − min) of <paramref name="frame"/> into <paramref name="destination"/> (all zeros when max ≤ min).</summary>
    public static void Normalise(ReadOnlySpan<float> frame, Span<float> destination, float min, float max)
    {
        if (destination.Length != frame.Length) throw new ArgumentException($"destination holds {destination.Length} values, the frame {frame.Length}");
        float span = max - min;
        if (!(span > 0))
        {
            destination.Clear();
            return;
        }
        TensorPrimitives.Subtract(frame, min, destination);
        TensorPrimitives.Multiply(destination, 1 / span, destination);
    }

    /// <summary>A normalised copy of <paramref name="frame"/>.</summary>
    public static float[] Normalised(ReadOnlySpan<float> frame)
    {
        var copy = new float[frame.Length];
        Normalise(frame, copy);
        return copy;
    }

    /// <summary>Maps normalised values back: x = min + x'·(max − min), in place.</summary>
    public static void Denormalise(Span<float> frame, float min, float max)
    {
        TensorPrimitives.Multiply(frame, max - min, frame);
        TensorPrimitives.Add(frame, min, frame);
    }
}
