using TemKit.Neural.Convolution.Gemm;

namespace TemKit.Neural.Convolution.Winograd;

internal sealed partial class WinogradConvolution
{
    /// <summary>
    /// The Winograd output tile a <see cref="Layers.Conv2d"/> of this shape uses for its forward pass and both gradients,
    /// or 0 for none. Winograd applies to 3×3 and 5×5 kernels with dilation 1 and zero padding, as F(4×4, r×r) (8×8 or
    /// 6×6 input tiles; fp32 error about 1e-5 of the output scale for 5×5, see the tests). The automatic choice takes
    /// 5×5 layers with at least 16 channels on both sides on AVX-512 machines, where the straight-line transforms run and
    /// it measured faster than both the direct kernel and the GEMM (docs/benchmarks/neural.md, "Winograd"); with the
    /// generic transforms (3×3, or no AVX-512) the direct kernel or GEMM measured faster, so TEMKIT_CONV=winograd is
    /// needed there. TEMKIT_CONV=direct or gemm never uses it.
    /// </summary>
    public static int ChooseTile(int inChannels, int outChannels, int kernel, int dilation, PaddingMode padding)
    {
        if (padding != PaddingMode.Zero || dilation != 1 || kernel is not (3 or 5)) return 0;
        return GemmConvolution.Choice switch
        {
            "winograd" => 4,
            "auto" => kernel == 5 && Winograd45.IsSupported && Math.Min(inChannels, outChannels) >= 16 ? 4 : 0,
            _ => 0,
        };
    }
}
