using System.Globalization;
using System.Text;
using TemKit.IO;

namespace TemKit.Tomography.Alignment;

/// <summary>
/// IMOD transform files (<c>.xf</c>/<c>.prexf</c>): one line per frame "A11 A12 A21 A22 DX DY", mapping raw to aligned
/// coordinates about the image centre: x' = A11 (x − xc) + A12 (y − yc) + DX + xc, y' = A21 (x − xc) + A22 (y − yc) + DY + yc.
/// </summary>
public static class XfFile
{
    /// <summary>Writes the transforms of <paramref name="alignment"/>: rotation by −axis, then −shift.</summary>
    public static void Write(string path, AlignmentResult alignment)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        double a = -alignment.TiltAxisDegrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        var sb = new StringBuilder();
        foreach (var (x, y) in alignment.ShiftsPx)
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0,12:F7}{1,12:F7}{2,12:F7}{3,12:F7}{4,12:F3}{5,12:F3}\n", c, -s, s, c, -x, -y));
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>Writes the shift table: frame, tilt (degrees), shift x and y (px, content displacement relative to the zero tilt).</summary>
    public static void WriteShiftTable(string path, AlignmentResult alignment)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        var sb = new StringBuilder("frame,tilt_deg,shift_x_px,shift_y_px,tilt_axis_deg\n");
        for (int i = 0; i < alignment.ShiftsPx.Length; i++)
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0},{1:0.###},{2:F3},{3:F3},{4:F3}\n", i, alignment.TiltDegrees[i], alignment.ShiftsPx[i].X, alignment.ShiftsPx[i].Y, alignment.TiltAxisDegrees));
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
