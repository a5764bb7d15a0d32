using System.Buffers.Binary;

namespace TemKit.IO.Mrc;

/// <summary>
/// Builds an FEI1 extended header (Thermo Fisher "MRC2014 file format, extended header", metadata version 0): one
/// record per frame, laid out by <see cref="FeiExtendedHeaderLayout"/>, with the given numeric fields set and flagged
/// in their bitmask and every other field zero. Write it with <see cref="MrcWriteOptions.ExtendedHeader"/> and
/// exttyp "FEI1"; <see cref="MrcFile.Read"/> reads the fields back (e.g. "Alpha tilt" as TiltAngleDegrees).
/// </summary>
public static class FeiExtendedHeaderWriter
{
    /// <summary>The exttyp code of the headers built here.</summary>
    public const string ExtendedHeaderType = "FEI1";

    /// <summary>
    /// The extended header of <paramref name="frames"/>: per frame, field name (as in the specification, e.g.
    /// "Alpha tilt", "HT", "Pixel size X", "Dose") to value in the specification's units (degrees, V, m, e/m²).
    /// Throws <see cref="ArgumentException"/> for a name that is not a numeric FEI1 field.
    /// </summary>
    public static byte[] Build(IReadOnlyList<IReadOnlyDictionary<string, double>> frames)
    {
        var fields = FeiExtendedHeaderLayout.Fields;
        int recordBytes = FeiExtendedHeaderLayout.Version1Bytes;
        var bytes = new byte[(long)recordBytes * frames.Count];
        for (int f = 0; f < frames.Count; f++)
        {
            var record = bytes.AsSpan(f * recordBytes, recordBytes);
            BinaryPrimitives.WriteInt32LittleEndian(record, recordBytes);
            BinaryPrimitives.WriteInt32LittleEndian(record[4..], 0);
            foreach (var (name, value) in frames[f])
            {
                int index = Array.FindIndex(fields, x => x.Name == name);
                if (index < 0 || FeiExtendedHeaderLayout.Offsets[index] + fields[index].Size > recordBytes || fields[index].Bits == 0)
                    throw new ArgumentException($"'{name}' is not a field of an FEI1 extended header record");
                var field = fields[index];
                var target = record.Slice(FeiExtendedHeaderLayout.Offsets[index], field.Size);
                switch (field.Type)
                {
                    case FeiType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(target, value); break;
                    case FeiType.Int32: BinaryPrimitives.WriteInt32LittleEndian(target, checked((int)value)); break;
                    case FeiType.Int64: BinaryPrimitives.WriteInt64LittleEndian(target, checked((long)value)); break;
                    case FeiType.Bool: target[0] = value != 0 ? (byte)1 : (byte)0; break;
                    default: throw new ArgumentException($"'{name}' is a text field; only numeric FEI1 fields can be written");
                }
                SetFlag(record, index);
            }
        }
        return bytes;
    }

    // Sets the bit that flags field `index` in the bitmask preceding it (bits counted from the bitmask, one per field,
    // Bits per field as in the layout).
    private static void SetFlag(Span<byte> record, int index)
    {
        var fields = FeiExtendedHeaderLayout.Fields;
        int mask = index, bit = 0;
        while (fields[mask].Type != FeiType.Bitmask) mask--;
        for (int i = mask + 1; i < index; i++) bit += fields[i].Bits;
        if (bit >= 32) return;
        var target = record.Slice(FeiExtendedHeaderLayout.Offsets[mask], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(target, BinaryPrimitives.ReadUInt32LittleEndian(target) | (1u << bit));
    }
}
