using System.Globalization;
using System.Text;

namespace TemKit.IO.Dm;

/// <summary>
/// A DM data tag: its type, where its bytes sit in the file, and (unless it is image data or
/// larger than <see cref="DmTagReader.MaxLoadedBytes"/>) its decoded value.
/// </summary>
/// <remarks>
/// <see cref="Value"/> holds: a boxed number (short, int, ushort, uint, float, double, bool,
/// sbyte, byte, long, ulong) for simple types; a <see cref="string"/> for DM strings; an
/// <c>object?[]</c> of field values for structs; a typed array (e.g. <c>float[]</c>,
/// <c>ushort[]</c>) for arrays of numbers; an <c>object?[]</c> for arrays of structs or arrays.
/// Arrays of uint16 usually carry UTF-16 text: read them with <see cref="Text"/>.
/// </remarks>
public sealed class DmTagData : DmTag
{
    internal DmTagData(string name, int index, string path, DmType type, long offset, object? value)
        : base(name, index, path)
    {
        Type = type;
        Offset = offset;
        Value = value;
    }

    /// <summary>The value's type, decoded from the tag's info array.</summary>
    public DmType Type { get; }

    /// <summary>Absolute file offset of the value's first byte.</summary>
    public long Offset { get; }

    /// <summary>Bytes the value occupies in the file.</summary>
    public long ByteLength => Type.ByteSize;

    /// <summary>The decoded value, or null when it was left in the file (image data, large arrays).</summary>
    public object? Value { get; }

    /// <summary>True when <see cref="Value"/> was read.</summary>
    public bool IsLoaded => Value is not null;

    /// <summary>The value as text: a uint16 array read as UTF-16 (trailing NULs removed) or a DM string; null otherwise.</summary>
    public string? Text =>
        // Exact type test: the CLR lets a short[] pass "is ushort[]".
        Value?.GetType() == typeof(ushort[]) ? Utf16((ushort[])Value) : Value as string;

    /// <summary>A simple numeric or boolean value as double; null for anything else.</summary>
    public double? AsDouble() => Value switch
    {
        short v => v, int v => v, ushort v => v, uint v => v, float v => v, double v => v,
        bool v => v ? 1 : 0, sbyte v => v, byte v => v, long v => v, ulong v => v,
        _ => null,
    };

    /// <summary>A simple integer or boolean value as Int64; null for anything else (or a uint64 above Int64.MaxValue).</summary>
    public long? AsInt64() => Value switch
    {
        short v => v, int v => v, ushort v => v, uint v => v, bool v => v ? 1 : 0,
        sbyte v => v, byte v => v, long v => v, ulong v when v <= long.MaxValue => (long)v,
        _ => null,
    };

    /// <summary>
    /// The value as one line of text, arrays capped at <paramref name="maxElements"/> elements and
    /// text at <paramref name="maxChars"/> characters; values left in the file are summarised by
    /// type and offset.
    /// </summary>
    public string FormatValue(int maxElements = 16, int maxChars = 512)
    {
        if (Value is null) return $"<{Type}, {ByteLength} bytes at offset {Offset}>";
        if (Text is { } text)
            return text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), $"… ({text.Length} chars)");
        return Format(Value, maxElements);
    }

    /// <summary>"path = value", as in <c>temkit info --fields</c>.</summary>
    public override string ToString() => $"{Path} = {FormatValue()}";

    private static string Utf16(ushort[] chars)
    {
        int n = chars.Length;
        while (n > 0 && chars[n - 1] == 0) n--;
        var sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.Append((char)chars[i]);
        return sb.ToString();
    }

    private static string Format(object value, int maxElements)
    {
        switch (value)
        {
            case string s:
                return s;
            case float f:
                return f.ToString("R", CultureInfo.InvariantCulture);
            case double d:
                return d.ToString("R", CultureInfo.InvariantCulture);
            case bool b:
                return b ? "true" : "false";
            case IFormattable x:
                return x.ToString(null, CultureInfo.InvariantCulture);
            case System.Array a:
                var sb = new StringBuilder("[");
                int shown = Math.Min(a.Length, maxElements);
                for (int i = 0; i < shown; i++)
                {
                    if (i > 0) sb.Append(", ");
                    object? e = a.GetValue(i);
                    sb.Append(e is null ? "null" : Format(e, maxElements));
                }
                if (a.Length > shown) sb.Append($", … ({a.Length} values)");
                return sb.Append(']').ToString();
            default:
                return value.ToString() ?? "";
        }
    }
}
