using TemKit.Neural.Convolution.Gemm;

namespace TemKit.Neural.Convolution.Winograd;

internal sealed partial class WinogradConvolution
{
    /// <summary>
    /// The Winograd output tile a <see cref="Layers.Conv2d"/> of this shape uses for its forward pass and input gradient,
    /// or 0 for none. Winograd applies to 3×3 and 5×5 kernels with dilation 1 and zero padding; it uses F(4×4, r×r)
    /// (8×8 or 6×6 input tiles; fp32 error about 1e-5 of the output scale for 5×5, see the tests). Automatic choice:
    /// layers with at least 16 channels on both sides, where it measured faster than the direct kernel and the GEMM
    /// (docs/benchmarks/neural.md, "Winograd"); TEMKIT_CONV=winograd forces it wherever it applies, direct or gemm never.
    /// </summary>
    public static int ChooseTile(int inChannels, int outChannels, int kernel, int dilation, PaddingMode padding)
    {
        if (padding != PaddingMode.Zero || dilation != 1 || kernel is not (3 or 5)) return 0;
        return GemmConvolution.Choice switch
        {
            "winograd" => 4,
            "auto" => Math.Min(inChannels, outChannels) >= 16 ? 4 : 0,
            _ => 0,
        };
    }
}
