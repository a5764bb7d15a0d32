namespace TemKit.IO.Tia;

/// <summary>One fixed field of a TIA .ser structure: name, byte offset and size (little-endian).</summary>
internal readonly record struct TiaField(string Name, int Offset, int Size);

/// <summary>
/// The binary layout of FEI/Thermo TIA .ser files, declared as data (after the ES Vision "Series Data File" description
/// and openNCEM's serReader). All fields are little-endian.
/// </summary>
internal static class TiaSerLayout
{
    /// <summary>ByteOrder must be 0x4949 ("II").</summary>
    public const ushort ByteOrderMark = 0x4949;
    /// <summary>SeriesID of every .ser file.</summary>
    public const ushort SeriesId = 0x0197;
    /// <summary>SeriesVersion 0x0210 uses 4-byte offsets, 0x0220 8-byte offsets.</summary>
    public const ushort Version32 = 0x0210, Version64 = 0x0220;
    /// <summary>DataTypeID: elements are 1D arrays (spectra) or 2D arrays (images).</summary>
    public const int Data1D = 0x4120, Data2D = 0x4122;

    public static readonly TiaField ByteOrder = new("ByteOrder", 0, 2);
    public static readonly TiaField SeriesIdField = new("SeriesID", 2, 2);
    public static readonly TiaField SeriesVersion = new("SeriesVersion", 4, 2);
    public static readonly TiaField DataTypeId = new("DataTypeID", 6, 4);
    public static readonly TiaField TagTypeId = new("TagTypeID", 10, 4);
    public static readonly TiaField TotalNumberElements = new("TotalNumberElements", 14, 4);
    public static readonly TiaField ValidNumberElements = new("ValidNumberElements", 18, 4);
    /// <summary>OffsetArrayOffset: 4 bytes (version 0x0210) or 8 bytes (0x0220) at byte 22; NumberDimensions follows.</summary>
    public static readonly TiaField OffsetArrayOffset = new("OffsetArrayOffset", 22, 4);

    /// <summary>Header bytes up to and including NumberDimensions: 30 (version 0x0210) or 34 (0x0220).</summary>
    public static int HeaderSize(bool wide) => wide ? 34 : 30;

    /// <summary>A 2D data element: CalibrationOffsetX (f8), CalibrationDeltaX (f8), CalibrationElementX (i4), the same for Y,
    /// DataType (i2), ArraySizeX (i4), ArraySizeY (i4); the pixels follow, x fastest.</summary>
    public static readonly TiaField CalibrationOffsetX = new("CalibrationOffsetX", 0, 8);
    public static readonly TiaField CalibrationDeltaX = new("CalibrationDeltaX", 8, 8);
    public static readonly TiaField CalibrationOffsetY = new("CalibrationOffsetY", 20, 8);
    public static readonly TiaField CalibrationDeltaY = new("CalibrationDeltaY", 28, 8);
    public static readonly TiaField ElementDataType = new("DataType", 40, 2);
    public static readonly TiaField ArraySizeX = new("ArraySizeX", 42, 4);
    public static readonly TiaField ArraySizeY = new("ArraySizeY", 46, 4);
    public const int Element2DHeader = 50;

    /// <summary>A 1D data element: CalibrationOffset (f8), CalibrationDelta (f8), CalibrationElement (i4), DataType (i2), ArrayLength (i4).</summary>
    public static readonly TiaField Element1DDataType = new("DataType", 20, 2);
    public static readonly TiaField ArrayLength = new("ArrayLength", 22, 4);
    public const int Element1DHeader = 26;

    /// <summary>TIA element data types: code → NumPy name and bytes per element.</summary>
    public static (string Name, int Bytes)? DataType(int code) => code switch
    {
        1 => ("uint8", 1), 2 => ("uint16", 2), 3 => ("uint32", 4), 4 => ("int8", 1), 5 => ("int16", 2),
        6 => ("int32", 4), 7 => ("float32", 4), 8 => ("float64", 8), 9 => ("complex64", 8), 10 => ("complex128", 16),
        _ => null,
    };
}
