namespace TemKit.IO.Dm;

/// <summary>
/// The decoded type of a DM tag's value, built from the tag's info array: a simple number, a
/// string, a struct of fields or an array of elements. <see cref="ByteSize"/> is the number of
/// bytes the value occupies in the file.
/// </summary>
public sealed class DmType
{
    private DmType(DmTypeCode code, long byteSize, DmType? element, long count, IReadOnlyList<DmType> fields)
    {
        Code = code;
        ByteSize = byteSize;
        Element = element;
        Count = count;
        Fields = fields;
    }

    /// <summary>What kind of value this is.</summary>
    public DmTypeCode Code { get; }

    /// <summary>Bytes the value occupies in the file.</summary>
    public long ByteSize { get; }

    /// <summary>Element type of an array; null otherwise.</summary>
    public DmType? Element { get; }

    /// <summary>Number of elements of an array, or characters of a string; 0 otherwise.</summary>
    public long Count { get; }

    /// <summary>Field types of a struct; empty otherwise.</summary>
    public IReadOnlyList<DmType> Fields { get; }

    /// <summary>True for the single-number codes (Int16 .. UInt64).</summary>
    public bool IsSimple => IsSimpleCode(Code);

    /// <summary>An array whose elements are simple numbers.</summary>
    public bool IsSimpleArray => Code == DmTypeCode.Array && Element!.IsSimple;

    internal static bool IsSimpleCode(DmTypeCode code) => code is >= DmTypeCode.Int16 and <= DmTypeCode.UInt64;

    /// <summary>Bytes of one simple value of <paramref name="code"/>.</summary>
    internal static int SimpleSize(DmTypeCode code) => code switch
    {
        DmTypeCode.Int16 or DmTypeCode.UInt16 => 2,
        DmTypeCode.Int32 or DmTypeCode.UInt32 or DmTypeCode.Float32 => 4,
        DmTypeCode.Float64 or DmTypeCode.Int64 or DmTypeCode.UInt64 => 8,
        DmTypeCode.Bool or DmTypeCode.Int8 or DmTypeCode.UInt8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a simple DM type"),
    };

    internal static DmType Simple(DmTypeCode code) => new(code, SimpleSize(code), null, 0, []);

    internal static DmType String(long length) => new(DmTypeCode.String, length, null, length, []);

    /// <summary>An array; throws <see cref="OverflowException"/> when the size does not fit 64 bits.</summary>
    internal static DmType Array(DmType element, long count) =>
        new(DmTypeCode.Array, checked(element.ByteSize * count), element, count, []);

    internal static DmType Struct(IReadOnlyList<DmType> fields)
    {
        long size = 0;
        foreach (var f in fields) size = checked(size + f.ByteSize);
        return new DmType(DmTypeCode.Struct, size, null, 0, fields);
    }

    /// <summary>Short description, e.g. "int16", "array of 4096 uint32", "struct(float32, float32)".</summary>
    public override string ToString() => Code switch
    {
        DmTypeCode.Array => $"array of {Count} {Element}",
        DmTypeCode.Struct => $"struct({string.Join(", ", Fields)})",
        DmTypeCode.String => $"string[{Count}]",
        _ => Code.ToString().ToLowerInvariant(),
    };
}
