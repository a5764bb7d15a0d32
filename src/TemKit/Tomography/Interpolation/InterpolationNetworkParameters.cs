namespace TemKit.Tomography.Interpolation;

/// <summary>The layouts an <see cref="InterpolationNetwork"/> can have.</summary>
public enum InterpolationArchitecture
{
    /// <summary>
    /// Fully convolutional (any frame size): 3×3 convolutions with PReLU of <see cref="InterpolationNetworkParameters.Width"/>
    /// channels and the given dilations, then a 1×1 convolution whose output is a correction added to the linear average.
    /// </summary>
    Residual,

    /// <summary>
    /// Seed 002's model: convolutional down-sampling layers (3×3 convolution, PReLU, 2×2 max pooling; level l has
    /// Width·2^l channels), then dense layers (a PReLU hidden layer of <see cref="InterpolationNetworkParameters.HiddenUnits"/>)
    /// whose output is reshaped into the interpolated frame (predicted directly, not as a correction). Fixed frame size
    /// <see cref="InterpolationNetworkParameters.FramePx"/>.
    /// </summary>
    Seed,
}

/// <summary>Architecture of <see cref="InterpolationNetwork"/>.</summary>
public sealed record InterpolationNetworkParameters
{
    /// <summary>Which layout (<see cref="InterpolationArchitecture.Residual"/> unless set; model files before it was recorded are residual).</summary>
    public InterpolationArchitecture Architecture { get; init; } = InterpolationArchitecture.Residual;

    /// <summary>Channels of every hidden layer (residual) or of the first down-sampling level (seed).</summary>
    public int Width { get; init; } = 16;

    /// <summary>Dilation of each hidden 3×3 layer (px; residual only); the receptive field is 1 + 2·Σ dilations pixels.</summary>
    public IReadOnlyList<int> Dilations { get; init; } = [1, 2, 4, 2, 1];

    /// <summary>Down-sampling levels of the seed model (each halves the frame edge).</summary>
    public int Levels { get; init; } = 3;

    /// <summary>Units of the seed model's hidden dense layer.</summary>
    public int HiddenUnits { get; init; } = 256;

    /// <summary>Frame edge the seed model takes and produces (px; its dense layers fix it; 0 for the residual network).</summary>
    public int FramePx { get; init; }

    /// <summary>Seed of the weight initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Receptive field edge (px): 1 + 2·Σ dilations for the residual network, the whole frame for the seed model.</summary>
    public int ReceptiveFieldPx => Architecture == InterpolationArchitecture.Seed ? FramePx : 1 + 2 * Dilations.Sum();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Width is < 1 or > 512) throw new ArgumentException($"network width must be 1..512 channels, got {Width}");
        if (Architecture == InterpolationArchitecture.Residual)
        {
            if (Dilations.Count is < 1 or > 64 || Dilations.Any(d => d is < 1 or > 64)) throw new ArgumentException("dilations: give 1..64 layers with dilations 1..64 px");
            return;
        }
        if (Architecture != InterpolationArchitecture.Seed) throw new ArgumentException($"unknown architecture {Architecture}");
        if (Levels is < 1 or > 8) throw new ArgumentException($"down-sampling levels must be 1..8, got {Levels}");
        if (HiddenUnits is < 1 or > 65536) throw new ArgumentException($"hidden units must be 1..65536, got {HiddenUnits}");
        if (FramePx < 1 << Levels || FramePx > 1024 || FramePx % (1 << Levels) != 0)
            throw new ArgumentException($"the seed model's frame edge must be a multiple of {1 << Levels} px (2^levels) up to 1024 px, got {FramePx}");
        long features = (long)(Width << (Levels - 1)) * (FramePx >> Levels) * (FramePx >> Levels);
        if (features * HiddenUnits + (long)HiddenUnits * FramePx * FramePx > 200_000_000)
            throw new ArgumentException($"the seed model's dense layers would hold {features * HiddenUnits + (long)HiddenUnits * FramePx * FramePx} weights (at most 2e8): use fewer hidden units or a smaller frame");
    }
}
