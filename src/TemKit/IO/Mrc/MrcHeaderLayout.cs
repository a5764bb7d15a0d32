namespace TemKit.IO.Mrc;

/// <summary>Element type of one header field.</summary>
internal enum MrcFieldType
{
    /// <summary>32-bit signed integer(s), in the file's byte order.</summary>
    Int32,
    /// <summary>32-bit float(s), in the file's byte order.</summary>
    Float32,
    /// <summary>ASCII text, padded with blanks or NULs.</summary>
    Text,
    /// <summary>Raw bytes, not byte swapped.</summary>
    Bytes,
}

/// <summary>One field of the 1024-byte MRC2014 header: byte offset, type, element count.</summary>
internal sealed record MrcField(string Name, int Offset, MrcFieldType Type, int Count, string Description)
{
    /// <summary>Bytes the field occupies.</summary>
    public int Size => Type is MrcFieldType.Int32 or MrcFieldType.Float32 ? 4 * Count : Count;
}

/// <summary>
/// The MRC2014 main header as data (Cheng et al. 2015, J. Struct. Biol. 192:146, table 1; IMOD's
/// mrc_format.txt for the imodStamp/imodFlags words inside extra2). Offsets are in bytes from the start of the file.
/// </summary>
internal static class MrcHeaderLayout
{
    public const int HeaderBytes = 1024;

    public static readonly MrcField[] Fields =
    [
        new("nx", 0, MrcFieldType.Int32, 1, "number of columns (fastest axis)"),
        new("ny", 4, MrcFieldType.Int32, 1, "number of rows"),
        new("nz", 8, MrcFieldType.Int32, 1, "number of sections (slowest axis)"),
        new("mode", 12, MrcFieldType.Int32, 1, "data type of the data block (0,1,2,4,6,12,101)"),
        new("nxstart", 16, MrcFieldType.Int32, 1, "column of the first pixel in the unit cell"),
        new("nystart", 20, MrcFieldType.Int32, 1, "row of the first pixel in the unit cell"),
        new("nzstart", 24, MrcFieldType.Int32, 1, "section of the first pixel in the unit cell"),
        new("mx", 28, MrcFieldType.Int32, 1, "sampling intervals along x in the unit cell"),
        new("my", 32, MrcFieldType.Int32, 1, "sampling intervals along y in the unit cell"),
        new("mz", 36, MrcFieldType.Int32, 1, "sampling intervals along z (sections per volume in a volume stack)"),
        new("cella", 40, MrcFieldType.Float32, 3, "cell lengths x, y, z in Å (voxel size = cella / m)"),
        new("cellb", 52, MrcFieldType.Float32, 3, "cell angles alpha, beta, gamma in degrees"),
        new("mapc", 64, MrcFieldType.Int32, 1, "axis along columns (1=x, 2=y, 3=z)"),
        new("mapr", 68, MrcFieldType.Int32, 1, "axis along rows"),
        new("maps", 72, MrcFieldType.Int32, 1, "axis along sections"),
        new("dmin", 76, MrcFieldType.Float32, 1, "minimum density value"),
        new("dmax", 80, MrcFieldType.Float32, 1, "maximum density value"),
        new("dmean", 84, MrcFieldType.Float32, 1, "mean density value"),
        new("ispg", 88, MrcFieldType.Int32, 1, "space group: 0 image stack, 1 volume, 401-630 volume stack"),
        new("nsymbt", 92, MrcFieldType.Int32, 1, "bytes of extended header after the main header"),
        new("extra1", 96, MrcFieldType.Bytes, 8, "extra space, use varies by application"),
        new("exttyp", 104, MrcFieldType.Text, 4, "extended header type code: FEI1, FEI2, SERI, AGAR, CCP4, MRCO, HDF5"),
        new("nversion", 108, MrcFieldType.Int32, 1, "format version, 20140 for MRC2014"),
        new("extra2", 112, MrcFieldType.Bytes, 40, "extra space before IMOD's stamp"),
        new("imodStamp", 152, MrcFieldType.Int32, 1, "1146047817 when imodFlags is meaningful (IMOD)"),
        new("imodFlags", 156, MrcFieldType.Int32, 1, "IMOD bit flags: 1 bytes signed, 4 origin sign inverted, 16 4-bit pairs"),
        new("extra3", 160, MrcFieldType.Bytes, 36, "extra space after IMOD's flags"),
        new("origin", 196, MrcFieldType.Float32, 3, "origin x, y, z in Å"),
        new("map", 208, MrcFieldType.Text, 4, "file type identifier 'MAP '"),
        new("machst", 212, MrcFieldType.Bytes, 4, "machine stamp: 44 44 00 00 little-endian, 11 11 00 00 big-endian"),
        new("rms", 216, MrcFieldType.Float32, 1, "RMS deviation of the densities from their mean"),
        new("nlabl", 220, MrcFieldType.Int32, 1, "number of labels in use"),
        new("label", 224, MrcFieldType.Text, 800, "10 text labels of 80 characters"),
    ];

    private static readonly Dictionary<string, MrcField> ByName = Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The field called <paramref name="name"/>.</summary>
    public static MrcField Field(string name) => ByName[name];

    public const int LabelCount = 10;
    public const int LabelLength = 80;

    /// <summary>IMOD's imodStamp value ("IMOD" as bytes).</summary>
    public const int ImodStampValue = 1146047817;

    /// <summary>imodFlags bit: mode-0 bytes are signed.</summary>
    public const int ImodFlagSignedBytes = 1;
}
