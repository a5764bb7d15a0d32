using PureHDF;
using PureHDF.Selections;

namespace TemKit.IO.Emd;

/// <summary>Small typed reads through PureHDF: element type names, attributes as text or numbers, leading values of a vector.</summary>
internal static class Hdf5Read
{
    /// <summary>The element type in NumPy spelling, "complex64" for a compound of two float32 members, or null.</summary>
    public static string? TypeName(IH5DataType type) => type.Class switch
    {
        H5DataTypeClass.FixedPoint => (type.Size, type.FixedPoint.IsSigned) switch
        {
            (1, false) => "uint8", (1, true) => "int8", (2, false) => "uint16", (2, true) => "int16",
            (4, false) => "uint32", (4, true) => "int32", (8, false) => "uint64", (8, true) => "int64",
            _ => null,
        },
        H5DataTypeClass.FloatingPoint => type.Size switch { 4 => "float32", 8 => "float64", _ => null },
        H5DataTypeClass.Compound when type.Size == 8 && type.Compound.Members.Length == 2
            && type.Compound.Members.All(m => m.Type.Class == H5DataTypeClass.FloatingPoint && m.Type.Size == 4) => "complex64",
        _ => null,
    };

    /// <summary>An attribute as text (fixed or variable-length string, or a number), or null when absent or unreadable.</summary>
    public static string? Text(IH5Object obj, string name)
    {
        if (!obj.AttributeExists(name)) return null;
        var a = obj.Attribute(name);
        try
        {
            return a.Type.Class switch
            {
                H5DataTypeClass.String or H5DataTypeClass.VariableLength => a.Read<string>(),
                H5DataTypeClass.FixedPoint or H5DataTypeClass.FloatingPoint => Number(obj, name)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>A scalar numeric attribute, or null.</summary>
    public static double? Number(IH5Object obj, string name)
    {
        if (!obj.AttributeExists(name)) return null;
        var a = obj.Attribute(name);
        try
        {
            return (a.Type.Class, a.Type.Size, a.Type.Class == H5DataTypeClass.FixedPoint && a.Type.FixedPoint.IsSigned) switch
            {
                (H5DataTypeClass.FixedPoint, 1, _) => a.Read<byte>(),
                (H5DataTypeClass.FixedPoint, 2, true) => a.Read<short>(),
                (H5DataTypeClass.FixedPoint, 2, false) => a.Read<ushort>(),
                (H5DataTypeClass.FixedPoint, 4, true) => a.Read<int>(),
                (H5DataTypeClass.FixedPoint, 4, false) => a.Read<uint>(),
                (H5DataTypeClass.FixedPoint, 8, true) => a.Read<long>(),
                (H5DataTypeClass.FixedPoint, 8, false) => a.Read<ulong>(),
                (H5DataTypeClass.FloatingPoint, 4, _) => a.Read<float>(),
                (H5DataTypeClass.FloatingPoint, 8, _) => a.Read<double>(),
                (H5DataTypeClass.String or H5DataTypeClass.VariableLength, _, _) =>
                    double.TryParse(a.Read<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) ? v : null,
                _ => null,
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>The first <paramref name="count"/> values of a 1D float or integer dataset (fewer when it is shorter).</summary>
    public static double[] Leading(IH5Dataset ds, int count)
    {
        ulong length = ds.Space.Dimensions.Length == 1 ? ds.Space.Dimensions[0] : 0;
        int n = (int)Math.Min((ulong)count, length);
        if (n == 0) return [];
        var selection = new HyperslabSelection(0, (ulong)n);
        return (ds.Type.Class, ds.Type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 4) => ds.Read<float[]>(selection).Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FloatingPoint, 8) => ds.Read<double[]>(selection),
            (H5DataTypeClass.FixedPoint, 4) => ds.Read<int[]>(selection).Select(v => (double)v).ToArray(),
            (H5DataTypeClass.FixedPoint, 8) => ds.Read<long[]>(selection).Select(v => (double)v).ToArray(),
            _ => [],
        };
    }
}
