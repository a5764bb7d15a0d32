namespace TemKit.IO.Dm;

/// <summary>
/// The fixed header at the start of a DM3/DM4 file, all fields big-endian:
/// <code>
/// offset  DM3     DM4     field
/// 0       int32   int32   version: 3 or 4
/// 4       uint32  int64   RootLength: bytes of the root tag group that follows the header
/// 8 / 12  int32   int32   byte order of the tag data: 1 little-endian, 0 big-endian
/// 12 / 16 -       -       root tag group: uint8 sorted, uint8 open, tag count (int32 DM3, int64 DM4)
/// </code>
/// Tag headers (type byte, name length, name, counts and info arrays) are always big-endian;
/// only the tag values and the image data follow the byte-order flag.
/// </summary>
/// <param name="Version">3 or 4.</param>
/// <param name="RootLength">Bytes of the root tag group as declared by the header.</param>
/// <param name="LittleEndian">Byte order of tag values and image data.</param>
public sealed record DmHeader(int Version, long RootLength, bool LittleEndian)
{
    /// <summary>Bytes of the fixed header: 12 for DM3, 16 for DM4.</summary>
    public int HeaderBytes => Version == 4 ? 16 : 12;

    /// <summary>Bytes of counts, info-array words and lengths inside tag headers: 4 for DM3, 8 for DM4.</summary>
    public int WordBytes => Version == 4 ? 8 : 4;

    internal static DmHeader Read(DmByteReader r, ReadOptions options, List<string> warnings)
    {
        if (r.Length < 12) throw r.Error("header", $"file is {r.Length} bytes, shorter than the 12-byte DM3 header");
        int version = r.ReadInt32BigEndian("header.version");
        if (version is not (3 or 4)) throw r.Error("header.version", $"unsupported DM version {version} (expected 3 or 4)");
        long rootLength = version == 4 ? r.ReadInt64BigEndian("header.root_length") : r.ReadUInt32BigEndian("header.root_length");
        int order = r.ReadInt32BigEndian("header.byte_order");
        bool little = order switch
        {
            1 => true,
            0 => false,
            _ => Recover(r, options, warnings, "header.byte_order", $"byte-order flag is {order}, expected 0 (big-endian) or 1 (little-endian)", "assuming little-endian"),
        };
        long after = r.Length - r.Position;
        if (rootLength < 0 || rootLength > after)
            Recover(r, options, warnings, "header.root_length",
                $"root tag group claims {rootLength} bytes, but only {after} follow the header (truncated file?)", "reading as far as the file goes");
        return new DmHeader(version, rootLength, little);
    }

    /// <summary>Throws in strict mode; in permissive mode records a warning and returns true.</summary>
    internal static bool Recover(DmByteReader r, ReadOptions options, List<string> warnings, string field, string problem, string action) =>
        Recover(r.FilePath, options, warnings, field, problem, action);

    /// <summary>Throws in strict mode; in permissive mode records a warning and returns true.</summary>
    internal static bool Recover(string path, ReadOptions options, List<string> warnings, string field, string problem, string action)
    {
        if (!options.Permissive) throw new TemKitFormatException(path, $"{field}: {problem}");
        string warning = $"{field}: {problem}; {action}";
        warnings.Add(warning);
        options.Warn?.Invoke($"{System.IO.Path.GetFileName(path)}: {warning}");
        return true;
    }
}
