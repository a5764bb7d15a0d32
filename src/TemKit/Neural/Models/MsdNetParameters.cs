namespace TemKit.Neural.Models;

/// <summary>
/// Mixed-Scale Dense network settings (Pelt &amp; Sethian, PNAS 2018; paper 001 SOI A.1): every layer convolves the
/// input and all earlier layers with a dilated kernel, reflection padding, bias and ReLU; a 1x1 layer maps all
/// channels to the output.
/// </summary>
/// <param name="Depth">Number of dilated layers (paper: 50).</param>
/// <param name="Width">Channels produced by each layer (paper: 1).</param>
/// <param name="KernelSize">Odd kernel size in pixels (paper: 9).</param>
/// <param name="MaxDilation">Dilations are drawn uniformly from 1..MaxDilation (paper: 10).</param>
/// <param name="InputChannels">Channels of the input image.</param>
/// <param name="Classes">Output channels (1 = binary mask with sigmoid).</param>
/// <param name="Seed">Seed for the dilations and the initial weights.</param>
/// <param name="Loss">What the output means: cross-entropy segmentation (default) or mean-squared-error regression.</param>
public sealed record MsdNetParameters(int Depth = 50, int Width = 1, int KernelSize = 9, int MaxDilation = 10, int InputChannels = 1, int Classes = 1, int Seed = 1,
    Losses.LossKind Loss = Losses.LossKind.CrossEntropy)
{
    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Depth < 1) throw new ArgumentException($"MSD depth {Depth} must be at least 1");
        if (Width < 1) throw new ArgumentException($"MSD width {Width} must be at least 1");
        if (KernelSize < 1 || KernelSize % 2 == 0) throw new ArgumentException($"MSD kernel size {KernelSize} must be odd");
        if (MaxDilation < 1) throw new ArgumentException($"MSD maximum dilation {MaxDilation} must be at least 1");
        if (InputChannels < 1 || Classes < 1) throw new ArgumentException("MSD input channels and classes must be at least 1");
    }
}
