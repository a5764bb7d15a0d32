using System.Buffers.Binary;
using System.Text;

namespace TemKit.Tests.IO.Dm;

/// <summary>
/// A naive DM3/DM4 writer for tests, written from the format description independently of the
/// reader: tag headers big-endian, values in the chosen byte order, DM4 with 8-byte words and tag lengths.
/// </summary>
internal sealed class DmTestWriter(int version = 3, bool littleEndian = true)
{
    public abstract record Node(string Name);
    public sealed record Group(string Name, params Node[] Children) : Node(Name);
    public sealed record Data(string Name, long[] Info, byte[] Payload) : Node(Name);

    public int Version { get; } = version;
    public bool LittleEndian { get; } = littleEndian;

    public Data Int32(string name, int v) => new(name, [3], Bytes(4, s => Put(s, v)));
    public Data UInt32(string name, uint v) => new(name, [5], Bytes(4, s => Put(s, v)));
    public Data Float32(string name, float v) => new(name, [6], Bytes(4, s => Put(s, BitConverter.SingleToInt32Bits(v))));
    public Data Float64(string name, double v) => new(name, [7], Bytes(8, s => Put(s, BitConverter.DoubleToInt64Bits(v))));

    /// <summary>Text as DM stores it: an array of uint16 UTF-16 code units.</summary>
    public Data Text(string name, string text) => new(name, [20, 4, text.Length],
        Bytes(2 * text.Length, s => { for (int i = 0; i < text.Length; i++) Put(s[(2 * i)..], (short)text[i]); }));

    /// <summary>An array of simple elements; <paramref name="elements"/> already in the file's byte order.</summary>
    public static Data Array(string name, int typeCode, long count, byte[] elements) => new(name, [20, typeCode, count], elements);

    /// <summary>A minimal ImageList entry: ImageData with calibrations, data, type and dimensions, plus ImageTags.</summary>
    public Group Image(int dataType, int pixelDepth, long[] dims, Data data, (double Scale, double Origin, string Units)[]? calibration = null, params Node[] imageTags)
    {
        calibration ??= dims.Select(_ => (1.0, 0.0, "")).ToArray();
        var dimension = calibration.Select(c => (Node)new Group("", Float32("Origin", (float)c.Origin), Float32("Scale", (float)c.Scale), Text("Units", c.Units))).ToArray();
        return new Group("",
            new Group("ImageData",
                new Group("Calibrations",
                    new Group("Brightness", Float32("Origin", 0), Float32("Scale", 1), Text("Units", "")),
                    new Group("Dimension", dimension)),
                data,
                Int32("DataType", dataType),
                new Group("Dimensions", dims.Select(d => (Node)UInt32("", (uint)d)).ToArray()),
                Int32("PixelDepth", pixelDepth)),
            new Group("ImageTags", imageTags),
            Text("Name", "test"));
    }

    /// <summary>A file whose ImageList holds <paramref name="images"/>; the Thumbnails group names <paramref name="thumbnails"/>.</summary>
    public Group File(Node[] images, int[]? thumbnails = null) =>
        new("", new Group("ImageList", images),
            new Group("Thumbnails", (thumbnails ?? []).Select(i => (Node)new Group("", Int32("ImageIndex", i))).ToArray()));

    public byte[] Serialize(Group root, int? versionOverride = null, int? byteOrderOverride = null, long? rootLengthOverride = null)
    {
        var body = new MemoryStream();
        WriteGroupBody(body, root);
        var file = new MemoryStream();
        WriteBigEndian(file, versionOverride ?? Version, 4);
        WriteBigEndian(file, rootLengthOverride ?? body.Length, Version == 4 ? 8 : 4);
        WriteBigEndian(file, byteOrderOverride ?? (LittleEndian ? 1 : 0), 4);
        body.WriteTo(file);
        file.Write(new byte[8]);
        return file.ToArray();
    }

    private void WriteGroupBody(Stream s, Group g)
    {
        s.WriteByte(0);
        s.WriteByte(1);
        WriteBigEndian(s, g.Children.Length, Word);
        foreach (var child in g.Children)
        {
            s.WriteByte(child is Group ? (byte)20 : (byte)21);
            var name = Encoding.Latin1.GetBytes(child.Name);
            WriteBigEndian(s, name.Length, 2);
            s.Write(name);
            var content = new MemoryStream();
            if (child is Group sub) WriteGroupBody(content, sub);
            else WriteDataBody(content, (Data)child);
            if (Version == 4) WriteBigEndian(s, content.Length, 8);
            content.WriteTo(s);
        }
    }

    private void WriteDataBody(Stream s, Data d)
    {
        s.Write("%%%%"u8);
        WriteBigEndian(s, d.Info.Length, Word);
        foreach (var w in d.Info) WriteBigEndian(s, w, Word);
        s.Write(d.Payload);
    }

    private int Word => Version == 4 ? 8 : 4;

    private static void WriteBigEndian(Stream s, long value, int bytes)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        s.Write(b[(8 - bytes)..]);
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="s"/> in the file's byte order.</summary>
    public void Put(Span<byte> s, long value, int bytes)
    {
        for (int i = 0; i < bytes; i++)
        {
            byte b = (byte)(value >> (8 * i));
            s[LittleEndian ? i : bytes - 1 - i] = b;
        }
    }

    private void Put(Span<byte> s, int v) => Put(s, v, 4);
    private void Put(Span<byte> s, uint v) => Put(s, v, 4);
    private void Put(Span<byte> s, long v) => Put(s, v, 8);
    private void Put(Span<byte> s, short v) => Put(s, v, 2);

    private static byte[] Bytes(int n, SpanAction fill)
    {
        var b = new byte[n];
        fill(b);
        return b;
    }

    private delegate void SpanAction(Span<byte> s);
}
