using TemKit.Neural.Convolution;

namespace TemKit.Neural.Models;

/// <summary>
/// U-Net settings (Ronneberger et al. 2015 as modified in paper 001 SOI A.1): blocks of five convolutions each followed
/// by PReLU, with a short additive skip from the output of the first to the input of the fifth; MaxPool between
/// encoder levels with channels doubling; bilinear up-sampling and concatenated long skips in the decoder; 1x1 output.
/// </summary>
/// <param name="BaseWidth">Channels of the first level (paper: 32).</param>
/// <param name="Levels">Resolution levels including the bottom one (3 = two poolings).</param>
/// <param name="KernelSize">Odd kernel size of every block convolution (paper: 5).</param>
/// <param name="Padding">Padding of the block convolutions.</param>
/// <param name="InputChannels">Channels of the input image.</param>
/// <param name="Classes">Output channels (1 = binary mask with sigmoid).</param>
/// <param name="Seed">Seed for the initial weights.</param>
/// <param name="Loss">What the output means: cross-entropy segmentation (default) or mean-squared-error regression.</param>
public sealed record UNetParameters(int BaseWidth = 32, int Levels = 3, int KernelSize = 5, PaddingMode Padding = PaddingMode.Zero, int InputChannels = 1, int Classes = 1, int Seed = 1,
    Losses.LossKind Loss = Losses.LossKind.CrossEntropy)
{
    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (BaseWidth < 1) throw new ArgumentException($"U-Net base width {BaseWidth} must be at least 1");
        if (Levels < 1 || Levels > 8) throw new ArgumentException($"U-Net levels {Levels} must be 1..8");
        if (KernelSize < 1 || KernelSize % 2 == 0) throw new ArgumentException($"U-Net kernel size {KernelSize} must be odd");
        if (InputChannels < 1 || Classes < 1) throw new ArgumentException("U-Net input channels and classes must be at least 1");
    }
}
