namespace TemKit.IO.Dm;

/// <summary>Element type codes of DM3/DM4 tag data (the first word of a data tag's info array).</summary>
public enum DmTypeCode
{
    /// <summary>Signed 16-bit integer.</summary>
    Int16 = 2,
    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 3,
    /// <summary>Unsigned 16-bit integer; arrays of it hold UTF-16 text in most tags.</summary>
    UInt16 = 4,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32 = 5,
    /// <summary>IEEE 754 single precision.</summary>
    Float32 = 6,
    /// <summary>IEEE 754 double precision.</summary>
    Float64 = 7,
    /// <summary>One-byte boolean.</summary>
    Bool = 8,
    /// <summary>Signed 8-bit integer (DM calls it char).</summary>
    Int8 = 9,
    /// <summary>Unsigned 8-bit integer (DM calls it octet).</summary>
    UInt8 = 10,
    /// <summary>Signed 64-bit integer (DM4).</summary>
    Int64 = 11,
    /// <summary>Unsigned 64-bit integer (DM4).</summary>
    UInt64 = 12,
    /// <summary>A struct of fields, each with its own type.</summary>
    Struct = 15,
    /// <summary>A string of one-byte characters.</summary>
    String = 18,
    /// <summary>An array of elements of one type.</summary>
    Array = 20,
}
