namespace TemKit.IO.Mrc;

/// <summary>MRC2014 data modes (the header's <c>mode</c> word): the element type of the data block.</summary>
public enum MrcMode
{
    /// <summary>8-bit integers: signed per MRC2014, unsigned in files IMOD flags as such (imodStamp without the signed-bytes bit).</summary>
    Int8 = 0,
    /// <summary>16-bit signed integers.</summary>
    Int16 = 1,
    /// <summary>32-bit IEEE floats (TemKit's default for writing).</summary>
    Float32 = 2,
    /// <summary>Complex pairs of 32-bit floats (re, im).</summary>
    Complex64 = 4,
    /// <summary>16-bit unsigned integers (camera counts).</summary>
    UInt16 = 6,
    /// <summary>16-bit IEEE half-precision floats.</summary>
    Float16 = 12,
    /// <summary>4-bit unsigned values, two per byte (first pixel in the low nibble), rows padded to whole bytes (IMOD mode 101).</summary>
    Packed4Bit = 101,
}

/// <summary>Sizes and names of the MRC modes.</summary>
public static class MrcModes
{
    /// <summary>True for the modes TemKit reads.</summary>
    public static bool IsSupported(int mode) => mode is 0 or 1 or 2 or 4 or 6 or 12 or 101;

    /// <summary>Bytes in one row of <paramref name="nx"/> values (mode 101 rows are padded to whole bytes).</summary>
    public static long RowBytes(MrcMode mode, long nx) => mode switch
    {
        MrcMode.Int8 => nx,
        MrcMode.Int16 or MrcMode.UInt16 or MrcMode.Float16 => 2 * nx,
        MrcMode.Float32 => 4 * nx,
        MrcMode.Complex64 => 8 * nx,
        MrcMode.Packed4Bit => (nx + 1) / 2,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unsupported MRC mode"),
    };

    /// <summary>Bytes of one element's scalar component, the unit byte swapping works on (1 for bytes and 4-bit data).</summary>
    public static int SwapUnit(MrcMode mode) => mode switch
    {
        MrcMode.Int8 or MrcMode.Packed4Bit => 1,
        MrcMode.Int16 or MrcMode.UInt16 or MrcMode.Float16 => 2,
        _ => 4,
    };

    /// <summary>NumPy-style name of the element type as stored ("int8", "uint8", "float32", "complex64", "uint4", ...).</summary>
    public static string DataTypeName(MrcMode mode, bool unsignedBytes = false) => mode switch
    {
        MrcMode.Int8 => unsignedBytes ? "uint8" : "int8",
        MrcMode.Int16 => "int16",
        MrcMode.Float32 => "float32",
        MrcMode.Complex64 => "complex64",
        MrcMode.UInt16 => "uint16",
        MrcMode.Float16 => "float16",
        MrcMode.Packed4Bit => "uint4",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unsupported MRC mode"),
    };
}
