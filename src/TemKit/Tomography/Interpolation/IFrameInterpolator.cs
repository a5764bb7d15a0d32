namespace TemKit.Tomography.Interpolation;

/// <summary>Predicts the frame half-way between two frames of a tilt series.</summary>
public interface IFrameInterpolator
{
    /// <summary>Short name for tables ("linear", "learned").</summary>
    string Name { get; }

    /// <summary>
    /// Writes the frame at the mid tilt between <paramref name="before"/> and <paramref name="after"/> (width × height,
    /// row-major, the stack's own units) into <paramref name="destination"/>; the two frames are 2·<paramref name="halfGapDegrees"/> apart.
    /// </summary>
    void Midpoint(ReadOnlySpan<float> before, ReadOnlySpan<float> after, int width, int height, double halfGapDegrees, Span<float> destination);
}

/// <summary>Linear interpolation: the mean of the two neighbours (the seed paper's baseline).</summary>
public sealed class LinearInterpolator : IFrameInterpolator
{
    /// <inheritdoc />
    public string Name => "linear";

    /// <inheritdoc />
    public void Midpoint(ReadOnlySpan<float> before, ReadOnlySpan<float> after, int width, int height, double halfGapDegrees, Span<float> destination)
    {
        if (before.Length != width * height || after.Length != before.Length || destination.Length != before.Length)
            throw new ArgumentException($"frames must hold {width}x{height} values");
        System.Numerics.Tensors.TensorPrimitives.Add(before, after, destination);
        System.Numerics.Tensors.TensorPrimitives.Multiply(destination, 0.5f, destination);
    }
}
