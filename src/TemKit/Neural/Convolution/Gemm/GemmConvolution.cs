using TemKit.Neural.Tensors;
using TemKit.Numerics.Gemm;

namespace TemKit.Neural.Convolution.Gemm;

/// <summary>
/// Stride-1 "same" 2D convolution (cross-correlation, as in deep-learning frameworks) with odd kernel K, dilation d and
/// zero or reflect padding of (K/2)·d pixels, NCHW float32, computed as im2col + SGEMM (<see cref="Sgemm"/>): the
/// forward pass is weights[out × in·K²] · columns[in·K² × pixels], the weight gradient gradOut · columnsᵀ, and the input
/// gradient the correlation of the zero-padded output gradient with the flipped, transposed kernel followed by the
/// adjoint of the padding. The work runs in bands of output rows: with the managed SGEMM every product packs its
/// columns (or transposed columns) straight from the padded image (implicit GEMM) and the bands run in parallel;
/// with another backend the columns are built per band in a pooled buffer of bounded size (at most 16 MiB).
/// Weights are laid out [out][in][ky][kx].
/// </summary>
public sealed partial class GemmConvolution
{
    private readonly ISgemmProvider? _gemm;

    /// <summary>Creates a convolution; <paramref name="gemm"/> null means <see cref="Sgemm.Default"/>.</summary>
    public GemmConvolution(int inChannels, int outChannels, int kernel, int dilation = 1, PaddingMode padding = PaddingMode.Zero, ISgemmProvider? gemm = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        if (kernel < 1 || kernel % 2 == 0) throw new ArgumentException($"kernel size {kernel} must be odd and positive", nameof(kernel));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilation);
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Dilation = dilation;
        Padding = padding;
        _gemm = gemm;
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel size K (odd), pixels.</summary>
    public int Kernel { get; }

    /// <summary>Dilation d, pixels between taps.</summary>
    public int Dilation { get; }

    /// <summary>How pixels outside the image are seen.</summary>
    public PaddingMode Padding { get; }

    /// <summary>Pad width on each side, (K/2)·d pixels.</summary>
    public int Margin => Kernel / 2 * Dilation;

    /// <summary>Number of weights, out·in·K².</summary>
    public int WeightCount => OutChannels * InChannels * Kernel * Kernel;

    /// <summary>
    /// The SGEMM backend this convolution calls: the one given to the constructor, else the managed backend, whose
    /// implicit GEMM packs columns straight from the image and measured about twice as fast here as im2col + OpenBLAS
    /// (docs/benchmarks/gemm.md); TEMKIT_BLAS=openblas (or managed) forces <see cref="Sgemm.Default"/> instead.
    /// </summary>
    public ISgemmProvider Gemm => _gemm ?? (BlasForced ? Sgemm.Default : Sgemm.Managed);

    private static readonly bool BlasForced = Environment.GetEnvironmentVariable("TEMKIT_BLAS")?.Trim().ToLowerInvariant() is "managed" or "openblas";

    /// <summary>
    /// True when the GEMM forward pass beats the engine's direct SIMD convolution for this layer shape. Measured on the
    /// U-Net's shapes (docs/benchmarks/gemm.md), the register-blocked direct kernel is the faster forward pass, so the
    /// automatic choice is never; TEMKIT_CONV=gemm forces GEMM (for benchmarks), TEMKIT_CONV=direct forces direct.
    /// </summary>
    public static bool PaysForward() => s_choice.Value == "gemm";

    /// <summary>
    /// True when the GEMM backward pass (input and weight gradients) beats the direct one: at least 16 channels on both
    /// sides and 64 on one (the U-Net's levels 1 and 2 and the 32↔64 transitions; docs/benchmarks/gemm.md). Thin layers
    /// (the MSD-net's single-output dilated convolutions, the U-Net's 1-channel input and output) stay direct.
    /// TEMKIT_CONV=direct|gemm|auto overrides the choice (for benchmarks); winograd keeps this rule for the weight gradient.
    /// </summary>
    public static bool PaysBackward(int inChannels, int outChannels) => s_choice.Value switch
    {
        "direct" => false,
        "gemm" => true,
        _ => Math.Min(inChannels, outChannels) >= 16 && Math.Max(inChannels, outChannels) >= 64,
    };

    /// <summary>The TEMKIT_CONV setting read once: "auto", "direct", "gemm" or "winograd".</summary>
    internal static string Choice => s_choice.Value;

    private static readonly Lazy<string> s_choice = new(() => ReadChoice(Environment.GetEnvironmentVariable("TEMKIT_CONV")));

    internal static string ReadChoice(string? setting)
    {
        string s = setting?.Trim().ToLowerInvariant() ?? "";
        return s switch
        {
            "" or "auto" => "auto",
            "direct" or "gemm" or "winograd" => s,
            _ => throw new InvalidOperationException($"TEMKIT_CONV={s}: expected 'direct', 'gemm', 'winograd' or 'auto'"),
        };
    }

    private void CheckWeights(ReadOnlySpan<float> weights)
    {
        if (weights.Length != WeightCount)
            throw new ArgumentException($"{weights.Length} weights, expected {OutChannels}x{InChannels}x{Kernel}x{Kernel} = {WeightCount}", nameof(weights));
    }

    private void CheckInput(Tensor t, int channels, string name)
    {
        if (t.C != channels) throw new ArgumentException($"expected {channels} channels, got {t.ShapeText}", name);
    }

    /// <summary>Copies sample <paramref name="n"/> of <paramref name="t"/> into padded planes (row stride w + 2m) and fills the margins.</summary>
    private void Pad(Tensor t, int n, Span<float> padded)
    {
        int m = Margin, h = t.H, w = t.W, pw = w + 2 * m, plane = (h + 2 * m) * pw;
        for (int c = 0; c < t.C; c++)
        {
            var src = t.Plane(n, c);
            var dst = padded.Slice(c * plane, plane);
            for (int y = 0; y < h; y++) src.Slice(y * w, w).CopyTo(dst.Slice((y + m) * pw + m, w));
            Convolution.Padding.Fill(dst, pw, h, w, m, Padding);
        }
    }
}
