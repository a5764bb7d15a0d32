using TemKit.Neural.Tensors;

namespace TemKit.Tomography.Interpolation;

/// <summary>
/// Interpolation by an <see cref="InterpolationNetwork"/>: both frames are mapped with their shared range
/// (<see cref="FrameNormalisation.PairRange"/>: the mean of the two minima and of the two maxima), the network's
/// correction is added to their mean (not below 0, <see cref="PredictionFromCorrection"/>), and the result is mapped back to the stack's units with the same range. Not thread-safe (the network's layers keep scratch state): use one instance per thread.
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
        var (min, max) = FrameNormalisation.PairRange(before, after);
        FrameNormalisation.Normalise(before, input.Plane(0, 0), min, max);
        FrameNormalisation.Normalise(after, input.Plane(0, 1), min, max);
        input.Plane(0, 2).Fill((float)(halfGapDegrees / InterpolationNetwork.GapScaleDegrees));
        using var correction = Network.PredictCorrection(input);
        PredictionFromCorrection(input.Plane(0, 0), input.Plane(0, 1), correction.Plane(0, 0), destination);
        FrameNormalisation.Denormalise(destination, min, max);
    }

    /// <summary>
    /// Normalised prediction = max(0, (before + after)/2 + correction): not below the inputs' mean minimum (0), since
    /// HAADF counts are not negative and a few negative pixels would shift a min-max normalised frame.
    /// </summary>
    public static void PredictionFromCorrection(ReadOnlySpan<float> before, ReadOnlySpan<float> after, ReadOnlySpan<float> correction, Span<float> destination)
    {
        if (after.Length != before.Length || correction.Length != before.Length || destination.Length != before.Length) throw new ArgumentException("planes must have equal lengths");
        for (int i = 0; i < destination.Length; i++) destination[i] = Math.Max(0f, 0.5f * (before[i] + after[i]) + correction[i]);
    }
}
