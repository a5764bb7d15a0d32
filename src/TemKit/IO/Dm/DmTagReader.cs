using System.Text;
using Microsoft.Win32.SafeHandles;

namespace TemKit.IO.Dm;

/// <summary>
/// Parses the DM3/DM4 tag tree. Each tag is: uint8 kind (20 group, 21 data), uint16 name length,
/// the name (one byte per character), in DM4 an int64 length of the rest of the tag, then either a
/// group body (uint8 sorted, uint8 open, tag count) or a data body ("%%%%", info-array word count,
/// the info array describing the type, then the value in the file's byte order). Counts, lengths
/// and info words are big-endian, 4 bytes in DM3 and 8 bytes in DM4.
/// Every count and size is checked against the bytes left in the file before anything is allocated.
/// </summary>
internal sealed partial class DmTagReader
{
    /// <summary>Values larger than this (bytes) are left in the file; their offset is kept.</summary>
    public const long MaxLoadedBytes = 1 << 20;

    /// <summary>Deepest group nesting accepted; real files nest fewer than 15 levels.</summary>
    public const int MaxGroupDepth = 64;

    /// <summary>Deepest type nesting (arrays of structs of arrays...) accepted.</summary>
    public const int MaxTypeDepth = 16;

    /// <summary>Longest info array accepted, in words.</summary>
    public const int MaxInfoWords = 4096;

    private const byte GroupKind = 20;
    private const byte DataKind = 21;

    private readonly DmByteReader _r;
    private readonly DmHeader _header;
    private readonly ReadOptions _options;
    private readonly List<string> _warnings;

    private DmTagReader(DmByteReader r, DmHeader header, ReadOptions options, List<string> warnings)
    {
        _r = r;
        _header = header;
        _options = options;
        _warnings = warnings;
    }

    /// <summary>Reads the header and the whole tag tree; image data stays in the file.</summary>
    public static (DmHeader Header, DmTagGroup Root) Read(SafeFileHandle handle, string path, ReadOptions options, List<string> warnings)
    {
        var r = new DmByteReader(handle, path);
        var header = DmHeader.Read(r, options, warnings);
        var reader = new DmTagReader(r, header, options, warnings);
        var root = reader.ReadGroupBody("", 0, "", 0);
        return (header, root);
    }

    private static string Label(string path) => path.Length == 0 ? "root" : path;

    private long ReadWord(string field) =>
        _header.Version == 4 ? _r.ReadInt64BigEndian(field) : _r.ReadInt32BigEndian(field);

    private DmTagGroup ReadGroupBody(string name, int index, string path, int depth)
    {
        string label = Label(path);
        if (depth > MaxGroupDepth) throw _r.Error(label, $"tag groups nested deeper than {MaxGroupDepth} levels");
        bool sorted = _r.ReadByte($"{label} (sorted flag)") != 0;
        bool open = _r.ReadByte($"{label} (open flag)") != 0;
        long count = ReadWord($"{label} (tag count)");
        // The smallest tag is a kind byte, a name length and (DM4) a tag length: no count can exceed remaining/min.
        int minTagBytes = _header.Version == 4 ? 11 : 3;
        if (count < 0 || count > _r.Remaining / minTagBytes)
            throw _r.Error(label, $"claims {count} tags, but only {_r.Remaining} bytes remain in the file");
        var tags = new List<DmTag>((int)Math.Min(count, 1024));
        for (long i = 0; i < count; i++)
        {
            var tag = ReadTag(path, tags.Count, depth);
            if (tag is not null) tags.Add(tag);
        }
        return new DmTagGroup(name, index, path, sorted, open, tags);
    }

    private DmTag? ReadTag(string parentPath, int index, int depth)
    {
        string parentLabel = Label(parentPath);
        long start = _r.Position;
        byte kind = _r.ReadByte($"{parentLabel}[{index}] (tag kind)");
        int nameLength = _r.ReadUInt16BigEndian($"{parentLabel}[{index}] (name length)");
        _r.Require(nameLength, $"{parentLabel}[{index}] (name)");
        Span<byte> nameBytes = nameLength <= 256 ? stackalloc byte[nameLength] : new byte[nameLength];
        _r.Read(nameBytes, $"{parentLabel}[{index}] (name)");
        string name = Encoding.Latin1.GetString(nameBytes);
        string path = DmTag.ChildPath(parentPath, name, index);

        long end = -1;
        if (_header.Version == 4)
        {
            long length = _r.ReadInt64BigEndian($"{path} (tag length)");
            if (length < 0 || length > _r.Remaining)
                throw _r.Error(path, $"tag length {length} exceeds the {_r.Remaining} bytes left in the file");
            end = _r.Position + length;
        }

        DmTag? tag;
        switch (kind)
        {
            case GroupKind:
                tag = ReadGroupBody(name, index, path, depth + 1);
                break;
            case DataKind:
                tag = ReadDataBody(name, index, path, parentPath);
                break;
            default:
                string problem = $"unknown tag kind {kind} at offset {start} (expected 20 group or 21 data)";
                if (end < 0) throw _r.Error(path, problem);
                DmHeader.Recover(_r, _options, _warnings, path, problem, "skipped using the DM4 tag length");
                _r.Position = end;
                return null;
        }

        if (end >= 0 && _r.Position != end)
        {
            DmHeader.Recover(_r, _options, _warnings, path,
                $"tag length says the tag ends at offset {end}, its contents end at {_r.Position}", "continuing at the declared end");
            _r.Position = end;
        }
        return tag;
    }

    private DmTagData ReadDataBody(string name, int index, string path, string parentPath)
    {
        Span<byte> marker = stackalloc byte[4];
        _r.Read(marker, $"{path} (data marker)");
        if (!marker.SequenceEqual("%%%%"u8))
            throw _r.Error(path, $"expected the '%%%%' data marker, found {Convert.ToHexString(marker)}");
        long words = ReadWord($"{path} (info array length)");
        if (words < 1 || words > MaxInfoWords)
            throw _r.Error(path, $"info array of {words} words (expected 1 to {MaxInfoWords})");
        _r.Require(words * _header.WordBytes, $"{path} (info array)");
        var info = new long[words];
        for (int i = 0; i < info.Length; i++) info[i] = ReadWord($"{path} (info array)");

        int next = 0;
        var type = ParseType(info, ref next, path, 0);
        if (next != info.Length)
            DmHeader.Recover(_r, _options, _warnings, path,
                $"info array has {info.Length} words but its type {type} uses {next}", "ignoring the extra words");

        long offset = _r.Position;
        _r.Require(type.ByteSize, $"{path} ({type}, {type.ByteSize} bytes)");
        bool isImageData = name == "Data" && parentPath.EndsWith("ImageData", StringComparison.Ordinal);
        object? value = null;
        if (!isImageData && type.ByteSize <= MaxLoadedBytes)
        {
            var bytes = new byte[type.ByteSize];
            _r.Read(bytes, path);
            value = Decode(type, bytes, DmEndian.NeedsSwap(_header.LittleEndian));
        }
        else
        {
            _r.Skip(type.ByteSize, path);
        }
        return new DmTagData(name, index, path, type, offset, value);
    }

    private DmType ParseType(long[] info, ref int next, string path, int depth)
    {
        if (depth > MaxTypeDepth) throw _r.Error(path, $"type definition nested deeper than {MaxTypeDepth} levels");
        long code = Word(info, ref next, path);
        if (code is >= (long)DmTypeCode.Int16 and <= (long)DmTypeCode.UInt64) return DmType.Simple((DmTypeCode)code);
        switch (code)
        {
            case (long)DmTypeCode.String:
            {
                long length = Word(info, ref next, path);
                if (length < 0) throw _r.Error(path, $"string of negative length {length}");
                return DmType.String(length);
            }
            case (long)DmTypeCode.Array:
            {
                var element = ParseType(info, ref next, path, depth + 1);
                long count = Word(info, ref next, path);
                if (count < 0) throw _r.Error(path, $"array of negative length {count}");
                if (element.ByteSize == 0 && count > MaxLoadedBytes)
                    throw _r.Error(path, $"array of {count} zero-byte elements");
                try
                {
                    return DmType.Array(element, count);
                }
                catch (OverflowException)
                {
                    throw _r.Error(path, $"array of {count} elements of {element.ByteSize} bytes overflows 64 bits");
                }
            }
            case (long)DmTypeCode.Struct:
            {
                Word(info, ref next, path); // struct name length, always 0 in practice
                long fieldCount = Word(info, ref next, path);
                if (fieldCount < 0 || fieldCount > info.Length)
                    throw _r.Error(path, $"struct claims {fieldCount} fields in an info array of {info.Length} words");
                var fields = new DmType[fieldCount];
                for (int f = 0; f < fields.Length; f++)
                {
                    Word(info, ref next, path); // field name length, always 0 in practice
                    fields[f] = ParseType(info, ref next, path, depth + 1);
                }
                try
                {
                    return DmType.Struct(fields);
                }
                catch (OverflowException)
                {
                    throw _r.Error(path, "struct size overflows 64 bits");
                }
            }
            default:
                throw _r.Error(path, $"unknown data type code {code} in the info array");
        }
    }

    private long Word(long[] info, ref int next, string path)
    {
        if (next >= info.Length)
            throw _r.Error(path, $"info array of {info.Length} words ends inside its type definition");
        return info[next++];
    }
}
