using System.Buffers.Binary;
using System.Globalization;

namespace TemKit.IO.Tilt;

/// <summary>
/// Tilt angles of a tilt series from the files and headers that carry them, in TemKit's order of trust: an IMOD
/// .rawtlt/.tlt file beside the stack (one angle in degrees per line), a SerialEM .mdoc (TiltAngle of each [ZValue = n]
/// section), then what the stack itself holds (MRC FEI1/FEI2 alpha tilt per section, SerialEM's extended header, a DM
/// z axis calibrated in degrees).
/// </summary>
public static class TiltAngleFiles
{
    /// <summary>Longest text file read (a tilt file of thousands of angles is a few tens of kB).</summary>
    private const long MaxTextBytes = 16 << 20;

    /// <summary>Reads an IMOD .rawtlt/.tlt file: one angle in degrees per non-empty line (the first number on the line).</summary>
    /// <exception cref="TemKitFormatException">A line is not a number, or the file is larger than 16 MB.</exception>
    public static IReadOnlyList<double> ReadTlt(string path)
    {
        var angles = new List<double>();
        int line = 0;
        foreach (string raw in ReadLines(path))
        {
            line++;
            string text = raw.Trim();
            if (text.Length == 0) continue;
            string first = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            if (!double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double angle) || !double.IsFinite(angle) || Math.Abs(angle) > 360)
                throw new TemKitFormatException(path, $"line {line}: '{first}' is not a tilt angle in degrees");
            angles.Add(angle);
        }
        return angles;
    }

    /// <summary>Reads the TiltAngle of every [ZValue = n] section of a SerialEM .mdoc, in ZValue order.</summary>
    /// <exception cref="TemKitFormatException">A ZValue section has no TiltAngle, or ZValues repeat or leave gaps.</exception>
    public static IReadOnlyList<double> ReadMdoc(string path)
    {
        var values = SerialEmMdoc.ReadValues(path, "TiltAngle");
        var angles = new double[values.Count];
        for (int i = 0; i < angles.Length; i++)
            angles[i] = values[i] ?? throw new TemKitFormatException(path, $"ZValue {i} has no TiltAngle (ZValues must run 0, 1, 2, ...)");
        return angles;
    }

    /// <summary>
    /// The angles from a companion file of <paramref name="imagePath"/>, when one exists and has one angle per frame:
    /// NAME.rawtlt, NAME.tlt, then NAME.EXT.mdoc or NAME.mdoc. A companion with the wrong count is reported in
    /// <paramref name="note"/> and not used.
    /// </summary>
    public static (IReadOnlyList<double> Angles, string Source)? FromCompanion(string imagePath, int frames, out string? note)
    {
        note = null;
        string dir = Path.GetDirectoryName(Path.GetFullPath(imagePath))!;
        string stem = Path.GetFileNameWithoutExtension(imagePath);
        string name = Path.GetFileName(imagePath);
        var candidates = new (string File, bool Mdoc)[]
        {
            (Path.Combine(dir, stem + ".rawtlt"), false), (Path.Combine(dir, stem + ".tlt"), false),
            (Path.Combine(dir, name + ".mdoc"), true), (Path.Combine(dir, stem + ".mdoc"), true),
        };
        foreach (var (file, mdoc) in candidates)
        {
            if (!File.Exists(file)) continue;
            var angles = mdoc ? ReadMdoc(file) : ReadTlt(file);
            if (angles.Count == frames) return (angles, $"{(mdoc ? "SerialEM .mdoc" : "IMOD tilt file")} {Path.GetFileName(file)}");
            note = $"{Path.GetFileName(file)} holds {angles.Count} angle(s) for {frames} frame(s); not used";
        }
        return null;
    }

    /// <summary>
    /// SerialEM's MRC extended header (IMOD convention): nint bytes per section, nreal a set of flags; flag 1 means the
    /// section starts with the tilt angle × 100 as a 16-bit integer. Null when the header holds no tilt angles.
    /// </summary>
    /// <param name="extended">The extended header bytes (nsymbt of them).</param>
    /// <param name="bytesPerSection">nint (MRC header bytes 128-129).</param>
    /// <param name="flags">nreal (bytes 130-131).</param>
    /// <param name="sections">nz.</param>
    /// <param name="bigEndian">The file's byte order.</param>
    public static IReadOnlyList<double>? FromSerialEmHeader(ReadOnlySpan<byte> extended, int bytesPerSection, int flags, int sections, bool bigEndian)
    {
        if ((flags & 1) == 0 || bytesPerSection < 2 || sections <= 0 || (long)bytesPerSection * sections > extended.Length) return null;
        var angles = new double[sections];
        for (int z = 0; z < sections; z++)
        {
            var at = extended.Slice(z * bytesPerSection, 2);
            short hundredths = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(at) : BinaryPrimitives.ReadInt16LittleEndian(at);
            angles[z] = hundredths / 100.0;
        }
        return angles;
    }

    /// <summary>The angles of a DM z axis calibrated in degrees: (k - origin) × scale for each frame k; null for other units.</summary>
    public static IReadOnlyList<double>? FromDegreeAxis(string units, double scale, double origin, int frames)
    {
        if (units.Trim() is not ("°" or "deg" or "degree" or "degrees") || !double.IsFinite(scale) || scale == 0) return null;
        return Enumerable.Range(0, frames).Select(k => (k - origin) * scale).ToArray();
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new TemKitFormatException(path, "file not found");
        if (info.Length > MaxTextBytes) throw new TemKitFormatException(path, $"{info.Length} bytes is larger than the {MaxTextBytes} a tilt-angle file may have");
        TextFiles.RequireText(path, "tilt-angle");
        return File.ReadLines(path);
    }
}
