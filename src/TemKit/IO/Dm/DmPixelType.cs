namespace TemKit.IO.Dm;

/// <summary>How the pixels of an ImageData/Data array are stored.</summary>
internal enum DmPixelStorage
{
    Int8, UInt8, Int16, UInt16, Int32, UInt32, Float32, Float64, Bool, Complex64, Complex128,
    /// <summary>DigitalMicrograph's packed FFT of a real image: the half plane, W/2+1 complex values per row.</summary>
    PackedComplex64,
    /// <summary>The same with float64 components.</summary>
    PackedComplex128,
}

/// <summary>
/// One DigitalMicrograph image data type (ImageData.DataType): code, the name TemKit reports
/// (NumPy spelling), bytes per pixel and storage. Types TemKit refuses carry the reason instead.
/// </summary>
internal sealed record DmPixelType(int Code, string Name, int BytesPerPixel, DmPixelStorage Storage, string? Refusal = null)
{
    /// <summary>The DM image data types, as listed in the DigitalMicrograph scripting documentation.</summary>
    private static readonly DmPixelType[] Table =
    [
        new(1, "int16", 2, DmPixelStorage.Int16),
        new(2, "float32", 4, DmPixelStorage.Float32),
        new(3, "complex64", 8, DmPixelStorage.Complex64),
        new(4, "obsolete", 0, default, "obsolete DM data type 4 is not supported"),
        new(5, "packed complex", 4, default, "packed complex FFT data (DataType 5) is not supported; save it as complex64 in DigitalMicrograph"),
        new(6, "uint8", 1, DmPixelStorage.UInt8),
        new(7, "int32", 4, DmPixelStorage.Int32),
        new(8, "rgb", 4, default, "RGB images (DataType 8) are not supported; TemKit reads greyscale data only"),
        new(9, "int8", 1, DmPixelStorage.Int8),
        new(10, "uint16", 2, DmPixelStorage.UInt16),
        new(11, "uint32", 4, DmPixelStorage.UInt32),
        new(12, "float64", 8, DmPixelStorage.Float64),
        new(13, "complex128", 16, DmPixelStorage.Complex128),
        new(14, "bool", 1, DmPixelStorage.Bool),
        new(23, "rgba", 4, default, "RGBA images (DataType 23) are not supported; TemKit reads greyscale data only"),
        new(27, "complex64", 8, DmPixelStorage.PackedComplex64),
        new(28, "complex128", 16, DmPixelStorage.PackedComplex128),
    ];

    /// <summary>True for complex storage, whose frames are read as the modulus.</summary>
    public bool IsComplex => Storage is DmPixelStorage.Complex64 or DmPixelStorage.Complex128 or DmPixelStorage.PackedComplex64 or DmPixelStorage.PackedComplex128 && Refusal is null;

    /// <summary>True for the packed (half-plane) FFT storage of DataType 27 and 28.</summary>
    public bool IsPacked => Storage is DmPixelStorage.PackedComplex64 or DmPixelStorage.PackedComplex128;

    /// <summary>Complex values stored per row of an image <paramref name="width"/> wide: W/2+1 for packed FFTs, else W.</summary>
    public long StoredWidth(long width) => IsPacked ? width / 2 + 1 : width;

    /// <summary>Bytes of one real component: the element size for byte swapping.</summary>
    public int ComponentBytes => IsComplex ? BytesPerPixel / 2 : BytesPerPixel;

    /// <summary>The type for <paramref name="code"/>, or null when DM does not define it.</summary>
    public static DmPixelType? Find(long code)
    {
        foreach (var t in Table)
            if (t.Code == code) return t;
        return null;
    }
}
