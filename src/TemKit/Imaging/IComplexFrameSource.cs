namespace TemKit.Imaging;

/// <summary>
/// A frame source whose elements are complex (an FFT saved by DigitalMicrograph or Velox). <see cref="IFrameSource.ReadFrame"/>
/// gives the modulus; <see cref="ReadComplexFrame"/> gives the values themselves.
/// </summary>
public interface IComplexFrameSource : IFrameSource
{
    /// <summary>Reads section <paramref name="index"/> as interleaved (real, imaginary) float32 pairs, x fastest,
    /// into <paramref name="destination"/> (2 × Width × Height values).</summary>
    void ReadComplexFrame(int index, Span<float> destination);
}
