namespace TemKit.Neural.Convolution;

/// <summary>How a convolution sees pixels outside the image.</summary>
public enum PaddingMode
{
    /// <summary>Outside pixels are zero.</summary>
    Zero,

    /// <summary>Mirror without repeating the edge pixel (PyTorch ReflectionPad2d, NumPy "reflect"); folds again when the pad exceeds the size.</summary>
    Reflect,
}
