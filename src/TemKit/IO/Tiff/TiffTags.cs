using System.Buffers.Binary;
using System.Text;
using BitMiracle.LibTiff.Classic;

namespace TemKit.IO.Tiff;

/// <summary>
/// Typed access to the tags of the current TIFF directory, including vendor tags LibTiff does not know (it keeps them
/// as anonymous fields: a count followed by the values), and bounded reads of the structures some vendor tags point to.
/// </summary>
internal sealed class TiffTags(TiffClient client)
{
    /// <summary>The tag's values as LibTiff holds them (string, byte[], int[], double[], ...), or null when absent.</summary>
    public object? Raw(int tag)
    {
        FieldValue[]? v;
        try
        {
            v = client.Handle.GetField((TiffTag)tag);
        }
        catch (Exception e) when (e is InvalidCastException or IndexOutOfRangeException or ArgumentException or NullReferenceException)
        {
            return null;
        }
        if (v is not { Length: > 0 }) return null;
        return v.Length >= 2 ? v[1].Value : v[0].Value;
    }

    /// <summary>ASCII or byte tags as text (Latin-1 unless it decodes as UTF-8), trailing NULs removed.</summary>
    public string? Text(int tag) => Raw(tag) switch
    {
        string s => s.IndexOf('\0') is >= 0 and var nul ? s[..nul] : s,
        byte[] b => Decode(b),
        _ => null,
    };

    /// <summary>The first value of a numeric tag LibTiff knows (enums such as ResolutionUnit give their code).</summary>
    public double? Number(int tag) => Raw(tag) switch
    {
        Enum e => System.Convert.ToDouble(e, System.Globalization.CultureInfo.InvariantCulture),
        double d => d,
        float f => f,
        int i => i,
        uint u => u,
        short s => s,
        ushort us => us,
        long l => l,
        byte b => b,
        double[] { Length: > 0 } d => d[0],
        float[] { Length: > 0 } f => f[0],
        int[] { Length: > 0 } i => i[0],
        uint[] { Length: > 0 } u => u[0],
        short[] { Length: > 0 } s => s[0],
        ushort[] { Length: > 0 } us => us[0],
        long[] { Length: > 0 } l => l[0],
        _ => null,
    };

    /// <summary>A vendor tag of type LONG (4 bytes in the file's byte order), e.g. the pointer of TVIPS 37706 or Olympus 33560.</summary>
    public long? Long(int tag) => Raw(tag) switch
    {
        byte[] { Length: >= 4 } b => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
        int i => (uint)i,
        uint u => u,
        _ => null,
    };

    /// <summary>A vendor tag of type DOUBLE (8 bytes in the file's byte order), e.g. the DM export scales 65009-65011.</summary>
    public double? Double(int tag) => Raw(tag) switch
    {
        byte[] { Length: >= 8 } b => BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
        double d => d,
        _ => null,
    };

    private bool BigEndian => client.Handle.IsBigEndian();

    /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/> (a structure a vendor tag points to), or null when
    /// they do not lie inside the file.</summary>
    public byte[]? ReadAt(long offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > client.Stream.Length) return null;
        var buffer = new byte[count];
        int n = RandomAccess.Read(client.Stream.SafeFileHandle, buffer, offset);
        return n == count ? buffer : null;
    }

    private static string Decode(byte[] bytes)
    {
        int end = Array.IndexOf(bytes, (byte)0);
        if (end < 0) end = bytes.Length;
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes, 0, end);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes, 0, end);
        }
    }
}
