using System.Buffers.Binary;
using System.Globalization;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>Frame records parsed from an FEI1/FEI2 extended header.</summary>
/// <param name="Frames">Per frame: every flagged numeric field under "FEI.&lt;name&gt;" in the spec's units,
/// plus TemKit's converted keys (DefocusAngstrom, DoseElectronsPerAngstrom2, TiltAngleDegrees, PixelSizeXAngstrom,
/// PixelSizeYAngstrom, VoltageKilovolts, TimestampUnixSeconds).</param>
/// <param name="Text">Text fields of frame 0 under "FEI.&lt;name&gt;".</param>
internal sealed record FeiMetadata(IReadOnlyList<IReadOnlyDictionary<string, double>> Frames, IReadOnlyDictionary<string, string> Text);

internal static class FeiExtendedHeader
{
    /// <summary>OLE automation dates count days from this instant.</summary>
    private static readonly DateTimeOffset OleEpoch = new(1899, 12, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Parses up to <paramref name="frameCount"/> records. An all-zero header (as mrcfile writes) gives no frames.</summary>
    public static FeiMetadata Parse(ReadOnlySpan<byte> ext, int frameCount, MrcProblems problems)
    {
        var empty = new FeiMetadata([], new Dictionary<string, string>());
        if (ext.Length < 4 || !ext.ContainsAnyExcept((byte)0)) return empty;
        int recordBytes = BinaryPrimitives.ReadInt32LittleEndian(ext);
        int minimum = FeiExtendedHeaderLayout.Offsets[3];
        if (recordBytes < minimum || recordBytes > ext.Length)
        {
            problems.Recoverable($"extended header: FEI metadata size {recordBytes} does not fit a {ext.Length}-byte extended header; its fields are ignored");
            return empty;
        }
        int count = (int)Math.Min(frameCount, ext.Length / recordBytes);
        var frames = new List<IReadOnlyDictionary<string, double>>(count);
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            frames.Add(ParseRecord(ext.Slice(i * recordBytes, recordBytes), i == 0 ? text : null));
        return new FeiMetadata(frames, text);
    }

    private static Dictionary<string, double> ParseRecord(ReadOnlySpan<byte> record, Dictionary<string, string>? text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var fields = FeiExtendedHeaderLayout.Fields;
        uint mask = 0;
        int bit = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            int offset = FeiExtendedHeaderLayout.Offsets[i];
            if (offset + f.Size > record.Length) break;
            var s = record.Slice(offset, f.Size);
            if (f.Type == FeiType.Bitmask)
            {
                mask = BinaryPrimitives.ReadUInt32LittleEndian(s);
                bit = 0;
                continue;
            }
            bool flagged = f.Bits == 0 || (bit < 32 && (mask & (1u << bit)) != 0);
            bit += f.Bits;
            if (!flagged) continue;
            string key = "FEI." + f.Name;
            switch (f.Type)
            {
                case FeiType.Int32: values[key] = BinaryPrimitives.ReadInt32LittleEndian(s); break;
                case FeiType.UInt32: values[key] = BinaryPrimitives.ReadUInt32LittleEndian(s); break;
                case FeiType.Int64: values[key] = BinaryPrimitives.ReadInt64LittleEndian(s); break;
                case FeiType.Float64: values[key] = BinaryPrimitives.ReadDoubleLittleEndian(s); break;
                case FeiType.Bool: values[key] = s[0] != 0 ? 1 : 0; break;
                case FeiType.Text16 or FeiType.Text80 when text is not null && f.Name != "Unused range":
                    text[key] = MrcHeaderCodec.Ascii(s); break;
            }
        }
        AddConverted(values);
        return values;
    }

    /// <summary>TemKit-convention copies: Å, e/Å², kV, degrees; defocus positive = underfocus (FEI stores negative).</summary>
    private static void AddConverted(Dictionary<string, double> v)
    {
        if (v.TryGetValue("FEI.Defocus", out double defocus)) v["DefocusAngstrom"] = -defocus * 1e10;
        if (v.TryGetValue("FEI.Dose", out double dose)) v["DoseElectronsPerAngstrom2"] = dose * 1e-20;
        if (v.TryGetValue("FEI.Alpha tilt", out double tilt)) v["TiltAngleDegrees"] = tilt;
        if (v.TryGetValue("FEI.Pixel size X", out double px)) v["PixelSizeXAngstrom"] = px * 1e10;
        if (v.TryGetValue("FEI.Pixel size Y", out double py)) v["PixelSizeYAngstrom"] = py * 1e10;
        if (v.TryGetValue("FEI.HT", out double ht)) v["VoltageKilovolts"] = ht / 1000;
        if (v.TryGetValue("FEI.Timestamp", out double stamp) && ToTime(stamp) is DateTimeOffset t)
            v["TimestampUnixSeconds"] = t.ToUnixTimeMilliseconds() / 1000.0;
    }

    /// <summary>The timestamp as a date: OLE days since 1899-12-30 when it looks like one, else Unix seconds.</summary>
    public static DateTimeOffset? ToTime(double stamp)
    {
        if (!double.IsFinite(stamp) || stamp <= 0) return null;
        if (stamp < 2_958_465) return OleEpoch.AddDays(stamp);
        if (stamp < 253_402_300_799) return DateTimeOffset.FromUnixTimeMilliseconds((long)(stamp * 1000));
        return null;
    }

    /// <summary>Copies frame 0's values into the metadata's typed fields and every frame into FrameFields.</summary>
    public static ImageMetadata Apply(ImageMetadata metadata, FeiMetadata fei)
    {
        if (fei.Frames.Count == 0) return metadata;
        var first = fei.Frames[0];
        double? Get(string key) => first.TryGetValue(key, out double x) ? x : null;
        var fields = new Dictionary<string, string>(metadata.Fields, StringComparer.Ordinal);
        foreach (var (k, value) in fei.Text) fields[k] = value;
        foreach (var (k, value) in first) fields.TryAdd(k, value.ToString("G9", CultureInfo.InvariantCulture));
        return metadata with
        {
            DefocusAngstrom = Get("DefocusAngstrom") ?? metadata.DefocusAngstrom,
            DoseElectronsPerAngstrom2 = Get("DoseElectronsPerAngstrom2") ?? metadata.DoseElectronsPerAngstrom2,
            TiltAngleDegrees = Get("TiltAngleDegrees") ?? metadata.TiltAngleDegrees,
            VoltageKilovolts = Get("VoltageKilovolts") ?? metadata.VoltageKilovolts,
            Magnification = Get("FEI.Magnification") ?? metadata.Magnification,
            ExposureSeconds = Get("FEI.Integration time") ?? metadata.ExposureSeconds,
            Acquired = Get("FEI.Timestamp") is double s ? ToTime(s) ?? metadata.Acquired : metadata.Acquired,
            Fields = fields,
            FrameFields = fei.Frames,
        };
    }
}
