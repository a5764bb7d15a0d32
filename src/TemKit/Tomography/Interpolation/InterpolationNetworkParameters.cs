namespace TemKit.Tomography.Interpolation;

/// <summary>
/// Architecture of <see cref="InterpolationNetwork"/>: a stack of 3×3 convolutions (zero padding, PReLU after each) of
/// <see cref="Width"/> channels with the given dilations, then a 1×1 convolution to one output plane.
/// </summary>
public sealed record InterpolationNetworkParameters
{
    /// <summary>Channels of every hidden layer.</summary>
    public int Width { get; init; } = 16;

    /// <summary>Dilation of each hidden 3×3 layer (px); the receptive field is 1 + 2·Σ dilations pixels.</summary>
    public IReadOnlyList<int> Dilations { get; init; } = [1, 2, 4, 2, 1];

    /// <summary>Seed of the weight initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Receptive field edge (px).</summary>
    public int ReceptiveFieldPx => 1 + 2 * Dilations.Sum();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Width is < 1 or > 512) throw new ArgumentException($"network width must be 1..512 channels, got {Width}");
        if (Dilations.Count is < 1 or > 64 || Dilations.Any(d => d is < 1 or > 64)) throw new ArgumentException("dilations: give 1..64 layers with dilations 1..64 px");
    }
}
