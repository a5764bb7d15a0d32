namespace TemKit.IO.Png;

/// <summary>PNG colour types (PNG specification, table 11.1); the numeric values are the IHDR codes.</summary>
public enum PngColorType : byte
{
    /// <summary>One grey sample per pixel.</summary>
    Gray = 0,

    /// <summary>Red, green, blue.</summary>
    Rgb = 2,

    /// <summary>Palette index (the reader expands it to <see cref="Rgb"/> or <see cref="Rgba"/>).</summary>
    Indexed = 3,

    /// <summary>Grey and alpha.</summary>
    GrayAlpha = 4,

    /// <summary>Red, green, blue, alpha.</summary>
    Rgba = 6,
}

/// <summary>Helpers on <see cref="PngColorType"/>.</summary>
public static class PngColorTypeExtensions
{
    /// <summary>Samples per pixel in the PNG data stream (an indexed pixel is one sample).</summary>
    public static int Channels(this PngColorType type) => type switch
    {
        PngColorType.Gray => 1,
        PngColorType.Rgb => 3,
        PngColorType.Indexed => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgba => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a PNG colour type"),
    };
}
