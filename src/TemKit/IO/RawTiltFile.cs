using System.Globalization;
using System.Text;

namespace TemKit.IO;

/// <summary>IMOD's tilt-angle text files (<c>.rawtlt</c>, <c>.tlt</c>): one angle in degrees per line, frame order.</summary>
public static class RawTiltFile
{
    /// <summary>Writes <paramref name="tiltsDegrees"/>, one per line, atomically.</summary>
    public static void Write(string path, IReadOnlyList<double> tiltsDegrees)
    {
        var sb = new StringBuilder();
        foreach (double t in tiltsDegrees) sb.Append(t.ToString("0.0#####", CultureInfo.InvariantCulture)).Append('\n');
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
