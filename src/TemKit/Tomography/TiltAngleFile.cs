using System.Globalization;
using TemKit.IO;

namespace TemKit.Tomography;

/// <summary>
/// IMOD tilt-angle files (<c>.rawtlt</c>, <c>.tlt</c>): one angle in degrees per line, in stack order; blank lines are
/// ignored. Also the checks every tilt list goes through before reconstruction or alignment.
/// </summary>
public static class TiltAngleFile
{
    /// <summary>Extensions looked for beside a stack, in order.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".rawtlt", ".tlt"];

    /// <summary>Reads the angles (degrees) with <see cref="TemKit.IO.Tilt.TiltAngleFiles.ReadTlt"/>; a missing file, a
    /// line that is not a number or a file without angles throws <see cref="TemKitFormatException"/> naming it.</summary>
    public static double[] Read(string path)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "tilt-angle file not found");
        var angles = TemKit.IO.Tilt.TiltAngleFiles.ReadTlt(path);
        if (angles.Count == 0) throw new TemKitFormatException(path, "holds no tilt angles");
        return [.. angles];
    }

    /// <summary>Writes one angle per line (degrees, invariant culture) atomically.</summary>
    public static void Write(string path, IEnumerable<double> tiltDegrees) =>
        AtomicFile.WriteAllText(path, string.Concat(tiltDegrees.Select(a => a.ToString("0.0###", CultureInfo.InvariantCulture) + "\n")));

    /// <summary>The <c>.rawtlt</c> or <c>.tlt</c> file beside <paramref name="stackPath"/> (same base name), or null.</summary>
    public static string? FindBeside(string stackPath)
    {
        foreach (string ext in Extensions)
        {
            string candidate = Path.ChangeExtension(stackPath, ext);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Checks a tilt list against a stack of <paramref name="frameCount"/> projections: one angle per frame, each in
    /// [−90°, 90°], strictly increasing or strictly decreasing (no duplicates). Throws <see cref="TemKitFormatException"/>
    /// naming <paramref name="source"/> with one line describing the first problem.
    /// </summary>
    public static void Validate(IReadOnlyList<double> tiltDegrees, int frameCount, string source)
    {
        ArgumentNullException.ThrowIfNull(tiltDegrees);
        if (tiltDegrees.Count != frameCount)
            throw new TemKitFormatException(source, $"has {tiltDegrees.Count} tilt angles but the stack has {frameCount} projections");
        for (int i = 0; i < tiltDegrees.Count; i++)
            if (!(Math.Abs(tiltDegrees[i]) <= 90)) throw new TemKitFormatException(source, $"tilt angle {i + 1} = {tiltDegrees[i]}° is outside −90..90°");
        if (tiltDegrees.Count < 2) return;
        int direction = Math.Sign(tiltDegrees[1] - tiltDegrees[0]);
        for (int i = 1; i < tiltDegrees.Count; i++)
        {
            double step = tiltDegrees[i] - tiltDegrees[i - 1];
            if (step == 0) throw new TemKitFormatException(source, $"tilt angles {i} and {i + 1} are both {tiltDegrees[i]}° (duplicate tilt)");
            if (Math.Sign(step) != direction)
                throw new TemKitFormatException(source, $"tilt angles are not monotonic: {tiltDegrees[i - 1]}° then {tiltDegrees[i]}° at line {i + 1}");
        }
    }
}
