namespace TemKit.IO.Tiff;

/// <summary>Sample type of a TIFF that TemKit writes.</summary>
public enum TiffSampleType
{
    /// <summary>32-bit IEEE float (the default; every value kept).</summary>
    Float32,
    /// <summary>16-bit unsigned integer (counting data; values must be whole numbers in 0..65535 unless rounded).</summary>
    UInt16,
}

/// <summary>How <see cref="TiffFile.Write"/> stores an image stack.</summary>
public sealed record TiffWriteOptions
{
    /// <summary>Sample type (default float32).</summary>
    public TiffSampleType SampleType { get; init; } = TiffSampleType.Float32;

    /// <summary>For <see cref="TiffSampleType.UInt16"/>: round to the nearest whole number instead of refusing fractions.</summary>
    public bool RoundToIntegers { get; init; }
}
