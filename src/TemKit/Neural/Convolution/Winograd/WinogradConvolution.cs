namespace TemKit.Neural.Convolution.Winograd;

/// <summary>
/// Stride-1 "same" 2D correlation with an odd r×r kernel, dilation 1 and zero padding of r/2 pixels, NCHW float32, by the
/// Winograd minimal filtering algorithm F(m×m, r×r) (<see cref="WinogradTransform"/>). The output is cut into m×m tiles;
/// 16 consecutive tiles of a tile row form a group, vectorised one tile per lane, and two groups (32 tiles) a chunk, the
/// unit of work spread over the cores. Per chunk: the input tiles of every channel are transformed (Bᵀ d B, n² values
/// per tile), the n² products M_ξ[out][tile] = Σ_in U_ξ[out][in]·V_ξ[in][tile] run on the managed SGEMM's 8×32 register
/// tile, and the output transform (Aᵀ M A) adds the bias and writes the m×m pixels. Weights are transformed once per
/// call (<see cref="TransformWeights"/>) into U[ξ][out/8][in][8], the packed A-panel layout of that micro-kernel.
/// The same routine gives the input gradient of a zero-padded layer: it is the same-size correlation of the output
/// gradient with the kernel flipped and transposed to [in][out]. The weight gradient (<see cref="WeightGradient"/>) is
/// F(r×r, m×m) over the output-gradient tiles. Files: the transforms' matrices (<see cref="WinogradTransform"/>), the
/// straight-line F(4×4, 5×5) tile transforms (<see cref="Winograd45"/>), the forward chunks, the weight transform, the
/// weight gradient (generic and channel-blocked) and its output transform, and the choice made by Conv2d.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal sealed partial class WinogradConvolution
{
    /// <summary>Tiles per vector group (one per Vector512 lane).</summary>
    internal const int Lanes = 16;

    /// <summary>Tiles per chunk: the column count of the SGEMM register tile.</summary>
    internal const int ChunkTiles = 2 * Lanes;

    /// <summary>
    /// Floats added to the stride between transform points (and between rows of the weight-gradient blocks): without it
    /// the n² vectors a tile transform writes are a power of two apart and all land in one L1 cache set.
    /// </summary>
    internal const int SetPad = 16;

    private readonly WinogradTransform _t;

    /// <summary>F(r×r, m×m): the weight gradient's transforms (same n and points as <see cref="_t"/>, so the same Bᵀ).</summary>
    private readonly WinogradTransform _tw;
    private readonly bool _fast45;

    /// <summary>Creates F(<paramref name="outputTile"/>², <paramref name="kernel"/>²) for the given channel counts.</summary>
    public WinogradConvolution(int inChannels, int outChannels, int kernel, int outputTile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        if (kernel < 1 || kernel % 2 == 0) throw new ArgumentException($"kernel size {kernel} must be odd and positive", nameof(kernel));
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        _t = new WinogradTransform(outputTile, kernel);
        _tw = new WinogradTransform(kernel, outputTile);
        _fast45 = outputTile == Winograd45.M && kernel == 5 && Winograd45.IsSupported;
        PaddedOutChannels = (outChannels + Lanes - 1) / Lanes * Lanes;
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Output channels rounded up to a whole number of weight-transform vectors (zero rows beyond).</summary>
    public int PaddedOutChannels { get; }

    /// <summary>Kernel size r (px).</summary>
    public int Kernel { get; }

    /// <summary>Output tile size m (px).</summary>
    public int OutputTile => _t.OutputTile;

    /// <summary>Input tile size n (px).</summary>
    public int InputTile => _t.InputTile;

    /// <summary>Transform points per tile, n².</summary>
    public int Points => _t.InputTile * _t.InputTile;

    /// <summary>Pad width on each side, r/2 pixels.</summary>
    public int Margin => Kernel / 2;

    /// <summary>Floats of the transformed weights, n²·PaddedOut·In.</summary>
    public int TransformedWeightCount => Points * PaddedOutChannels * InChannels;
}
