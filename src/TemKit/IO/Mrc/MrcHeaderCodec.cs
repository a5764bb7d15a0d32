using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace TemKit.IO.Mrc;

/// <summary>Converts between the 1024 header bytes and <see cref="MrcHeader"/>, driven by <see cref="MrcHeaderLayout"/>.</summary>
internal static class MrcHeaderCodec
{
    /// <summary>Decodes a header in the given byte order (no validation).</summary>
    public static MrcHeader Decode(ReadOnlySpan<byte> h, bool bigEndian)
    {
        var r = new Reader(h, bigEndian);
        var labels = ImmutableArray.CreateBuilder<string>(MrcHeaderLayout.LabelCount);
        var labelBytes = r.Raw("label");
        for (int i = 0; i < MrcHeaderLayout.LabelCount; i++)
            labels.Add(Ascii(labelBytes.Slice(i * MrcHeaderLayout.LabelLength, MrcHeaderLayout.LabelLength)));
        return new MrcHeader
        {
            Nx = r.Int("nx"), Ny = r.Int("ny"), Nz = r.Int("nz"), Mode = r.Int("mode"),
            Start = (r.Int("nxstart"), r.Int("nystart"), r.Int("nzstart")),
            Sampling = (r.Int("mx"), r.Int("my"), r.Int("mz")),
            CellLengthsAngstrom = (r.Float("cella", 0), r.Float("cella", 1), r.Float("cella", 2)),
            CellAnglesDegrees = (r.Float("cellb", 0), r.Float("cellb", 1), r.Float("cellb", 2)),
            AxisMap = (r.Int("mapc"), r.Int("mapr"), r.Int("maps")),
            DMin = r.Float("dmin"), DMax = r.Float("dmax"), DMean = r.Float("dmean"),
            Ispg = r.Int("ispg"), Nsymbt = r.Int("nsymbt"),
            Extra1 = [.. r.Raw("extra1")],
            ExtType = Ascii(r.Raw("exttyp")),
            NVersion = r.Int("nversion"),
            Extra2 = [.. r.Raw("extra2")],
            ImodStamp = r.Int("imodStamp"), ImodFlags = r.Int("imodFlags"),
            Extra3 = [.. r.Raw("extra3")],
            OriginAngstrom = (r.Float("origin", 0), r.Float("origin", 1), r.Float("origin", 2)),
            Map = Encoding.Latin1.GetString(r.Raw("map")),
            MachineStamp = [.. r.Raw("machst")],
            Rms = r.Float("rms"), NLabl = r.Int("nlabl"),
            Labels = labels.MoveToImmutable(),
            IsBigEndian = bigEndian,
        };
    }

    /// <summary>Encodes a header in its <see cref="MrcHeader.IsBigEndian"/> byte order.</summary>
    public static byte[] Encode(MrcHeader m)
    {
        var bytes = new byte[MrcHeaderLayout.HeaderBytes];
        var w = new Writer(bytes, m.IsBigEndian);
        w.Int("nx", m.Nx); w.Int("ny", m.Ny); w.Int("nz", m.Nz); w.Int("mode", m.Mode);
        w.Int("nxstart", m.Start.X); w.Int("nystart", m.Start.Y); w.Int("nzstart", m.Start.Z);
        w.Int("mx", m.Sampling.X); w.Int("my", m.Sampling.Y); w.Int("mz", m.Sampling.Z);
        w.Float("cella", m.CellLengthsAngstrom.X, 0); w.Float("cella", m.CellLengthsAngstrom.Y, 1); w.Float("cella", m.CellLengthsAngstrom.Z, 2);
        w.Float("cellb", m.CellAnglesDegrees.Alpha, 0); w.Float("cellb", m.CellAnglesDegrees.Beta, 1); w.Float("cellb", m.CellAnglesDegrees.Gamma, 2);
        w.Int("mapc", m.AxisMap.Column); w.Int("mapr", m.AxisMap.Row); w.Int("maps", m.AxisMap.Section);
        w.Float("dmin", m.DMin); w.Float("dmax", m.DMax); w.Float("dmean", m.DMean);
        w.Int("ispg", m.Ispg); w.Int("nsymbt", m.Nsymbt);
        w.Raw("extra1", m.Extra1.AsSpan());
        w.Text("exttyp", m.ExtType);
        w.Int("nversion", m.NVersion);
        w.Raw("extra2", m.Extra2.AsSpan());
        w.Int("imodStamp", m.ImodStamp); w.Int("imodFlags", m.ImodFlags);
        w.Raw("extra3", m.Extra3.AsSpan());
        w.Float("origin", m.OriginAngstrom.X, 0); w.Float("origin", m.OriginAngstrom.Y, 1); w.Float("origin", m.OriginAngstrom.Z, 2);
        w.Text("map", m.Map);
        w.Raw("machst", m.MachineStamp.AsSpan());
        w.Float("rms", m.Rms); w.Int("nlabl", m.NLabl);
        var labelField = MrcHeaderLayout.Field("label");
        for (int i = 0; i < Math.Min(m.Labels.Length, MrcHeaderLayout.LabelCount); i++)
        {
            var slot = bytes.AsSpan(labelField.Offset + i * MrcHeaderLayout.LabelLength, MrcHeaderLayout.LabelLength);
            slot.Fill((byte)' ');
            Encoding.ASCII.GetBytes(m.Labels[i].AsSpan(0, Math.Min(m.Labels[i].Length, MrcHeaderLayout.LabelLength)), slot);
        }
        return bytes;
    }

    /// <summary>Every header field as "name = value" text (labels as label[0..9], only the non-empty ones).</summary>
    public static Dictionary<string, string> Describe(ReadOnlySpan<byte> h, bool bigEndian)
    {
        var r = new Reader(h, bigEndian);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in MrcHeaderLayout.Fields)
        {
            if (f.Name == "label") continue;
            fields[f.Name] = f.Type switch
            {
                MrcFieldType.Int32 => Join(r, f, numeric: false),
                MrcFieldType.Float32 => Join(r, f, numeric: true),
                MrcFieldType.Text => Ascii(r.Raw(f.Name)),
                _ => Convert.ToHexString(r.Raw(f.Name)),
            };
        }
        var labels = r.Raw("label");
        for (int i = 0; i < MrcHeaderLayout.LabelCount; i++)
        {
            string label = Ascii(labels.Slice(i * MrcHeaderLayout.LabelLength, MrcHeaderLayout.LabelLength));
            if (label.Length > 0) fields[$"label[{i}]"] = label;
        }
        return fields;
    }

    private static string Join(Reader r, MrcField f, bool numeric)
    {
        var parts = new string[f.Count];
        for (int i = 0; i < f.Count; i++)
            parts[i] = numeric ? r.Float(f.Name, i).ToString("G9", CultureInfo.InvariantCulture) : r.Int(f.Name, i).ToString(CultureInfo.InvariantCulture);
        return string.Join(", ", parts);
    }

    /// <summary>ASCII text with trailing blanks and NULs removed; other control bytes become '?'.</summary>
    public static string Ascii(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.Length;
        while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == (byte)' ')) end--;
        var chars = new char[end];
        for (int i = 0; i < end; i++) chars[i] = bytes[i] is >= 32 and < 127 ? (char)bytes[i] : '?';
        return new string(chars);
    }

    private readonly ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _h;
        private readonly bool bigEndian;

        public Reader(ReadOnlySpan<byte> header, bool isBigEndian) { _h = header; bigEndian = isBigEndian; }

        public int Int(string name, int index = 0)
        {
            var s = _h.Slice(MrcHeaderLayout.Field(name).Offset + 4 * index, 4);
            return bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s);
        }

        public float Float(string name, int index = 0)
        {
            var s = _h.Slice(MrcHeaderLayout.Field(name).Offset + 4 * index, 4);
            return bigEndian ? BinaryPrimitives.ReadSingleBigEndian(s) : BinaryPrimitives.ReadSingleLittleEndian(s);
        }

        public ReadOnlySpan<byte> Raw(string name)
        {
            var f = MrcHeaderLayout.Field(name);
            return _h.Slice(f.Offset, f.Size);
        }
    }

    private readonly ref struct Writer
    {
        private readonly Span<byte> _h;
        private readonly bool bigEndian;

        public Writer(Span<byte> header, bool isBigEndian) { _h = header; bigEndian = isBigEndian; }

        public void Int(string name, int value, int index = 0)
        {
            var s = _h.Slice(MrcHeaderLayout.Field(name).Offset + 4 * index, 4);
            if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(s, value); else BinaryPrimitives.WriteInt32LittleEndian(s, value);
        }

        public void Float(string name, float value, int index = 0)
        {
            var s = _h.Slice(MrcHeaderLayout.Field(name).Offset + 4 * index, 4);
            if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(s, value); else BinaryPrimitives.WriteSingleLittleEndian(s, value);
        }

        public void Raw(string name, ReadOnlySpan<byte> value)
        {
            var f = MrcHeaderLayout.Field(name);
            value[..Math.Min(value.Length, f.Size)].CopyTo(_h.Slice(f.Offset, f.Size));
        }

        public void Text(string name, string value)
        {
            var f = MrcHeaderLayout.Field(name);
            var slot = _h.Slice(f.Offset, f.Size);
            slot.Clear();
            Encoding.ASCII.GetBytes(value.AsSpan(0, Math.Min(value.Length, f.Size)), slot);
        }
    }
}
