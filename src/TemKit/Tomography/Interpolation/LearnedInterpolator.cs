using TemKit.Neural.Tensors;

namespace TemKit.Tomography.Interpolation;

/// <summary>
/// Interpolation by an <see cref="InterpolationNetwork"/>: both frames are min-max normalised, the network's correction
/// is added to their mean and clipped to [0, 1] (a normalised frame's range), and the result is mapped back to the stack's units with the mean of the two frames' minima
/// and maxima. Not thread-safe (the network's layers keep scratch state): use one instance per thread.
/// </summary>
public sealed class LearnedInterpolator : IFrameInterpolator
{
    /// <summary>Wraps a trained network.</summary>
    public LearnedInterpolator(InterpolationNetwork network, string name = "learned")
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        Name = name;
    }

    /// <summary>The network.</summary>
    public InterpolationNetwork Network { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public void Midpoint(ReadOnlySpan<float> before, ReadOnlySpan<float> after, int width, int height, double halfGapDegrees, Span<float> destination)
    {
        int plane = width * height;
        if (before.Length != plane || after.Length != plane || destination.Length != plane) throw new ArgumentException($"frames must hold {width}x{height} values");
        using var input = Tensor.Uninitialised(1, InterpolationNetwork.InputChannels, height, width);
        var (minA, maxA) = FrameNormalisation.Normalise(before, input.Plane(0, 0));
        var (minB, maxB) = FrameNormalisation.Normalise(after, input.Plane(0, 1));
        input.Plane(0, 2).Fill((float)(halfGapDegrees / InterpolationNetwork.GapScaleDegrees));
        using var correction = Network.PredictCorrection(input);
        PredictionFromCorrection(input.Plane(0, 0), input.Plane(0, 1), correction.Plane(0, 0), destination);
        FrameNormalisation.Denormalise(destination, 0.5f * (minA + minB), 0.5f * (maxA + maxB));
    }

    /// <summary>Normalised prediction = (before + after)/2 + correction, clipped to [0, 1] (the range of every normalised frame).</summary>
    internal static void PredictionFromCorrection(ReadOnlySpan<float> before, ReadOnlySpan<float> after, ReadOnlySpan<float> correction, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = Math.Clamp(0.5f * (before[i] + after[i]) + correction[i], 0f, 1f);
    }
}
