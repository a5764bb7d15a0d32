using System.Globalization;
using System.Text;
using TemKit.IO;

namespace TemKit.Simulation.Structures;

/// <summary>
/// XYZ structure files (Å). Written as extended XYZ, readable by ASE and OVITO: the comment line holds the cell
/// (<c>Lattice="Lx 0 0 0 Ly 0 0 0 Lz"</c>) and a per-atom integer <c>tags</c> column, 1 for particle atoms and 0 for
/// support atoms. Reading accepts plain XYZ (symbol or atomic number, x, y, z) and extended XYZ with a tags column.
/// </summary>
public static class XyzFile
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the specimen atomically; <paramref name="cellZAngstrom"/> is the cell depth written in the header.</summary>
    public static void Write(string path, Specimen specimen, double cellZAngstrom) =>
        AtomicFile.WriteAllText(path, Format(specimen, cellZAngstrom));

    /// <summary>The extended-XYZ text of a specimen.</summary>
    public static string Format(Specimen specimen, double cellZAngstrom)
    {
        var sb = new StringBuilder();
        sb.Append(specimen.Particle.Length + specimen.Support.Length).Append('\n');
        sb.Append(s_inv, $"Lattice=\"{specimen.CellXAngstrom:R} 0 0 0 {specimen.CellYAngstrom:R} 0 0 0 {cellZAngstrom:R}\" Properties=species:S:1:pos:R:3:tags:I:1 pbc=\"T T F\"\n");
        foreach (var a in specimen.Particle) Line(sb, a, 1);
        foreach (var a in specimen.Support) Line(sb, a, 0);
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, Atom a, int tag) =>
        sb.Append(s_inv, $"{Elements.Symbol(a.AtomicNumber)} {a.XAngstrom:F6} {a.YAngstrom:F6} {a.ZAngstrom:F6} {tag}\n");

    /// <summary>
    /// Reads an XYZ file. Atoms tagged 0 become support, all others particle. The cell comes from a Lattice="..."
    /// comment when there is one, else from the atoms' extent plus <paramref name="marginAngstrom"/> on each side (the
    /// atoms are then shifted to start at the margin). Throws <see cref="TemKitFormatException"/> naming the line.
    /// </summary>
    public static Specimen Read(string path, double marginAngstrom = 2.0)
    {
        string[] lines;
        try
        {
            TextFiles.RequireText(path, "XYZ");
            lines = File.ReadAllLines(path);
        }
        catch (FileNotFoundException) { throw new TemKitFormatException(path, "file not found"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new TemKitFormatException(path, $"cannot read: {e.Message}"); }
        if (lines.Length < 2) throw new TemKitFormatException(path, "an XYZ file needs an atom count line and a comment line");
        if (!int.TryParse(lines[0].Trim(), NumberStyles.Integer, s_inv, out int count) || count < 0)
            throw new TemKitFormatException(path, $"line 1: atom count '{Quote(lines[0].Trim())}' is not a non-negative integer");
        if (lines.Length < 2 + count) throw new TemKitFormatException(path, $"header says {count} atoms but the file has only {lines.Length - 2} atom lines");
        var (cellX, cellY) = ParseLattice(path, lines[1]);
        int tagColumn = TagColumn(lines[1]);
        var particle = new List<Atom>();
        var support = new List<Atom>();
        for (int i = 0; i < count; i++)
        {
            int lineNo = i + 3;
            var parts = lines[i + 2].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4) throw new TemKitFormatException(path, $"line {lineNo}: expected 'symbol x y z', got '{Quote(lines[i + 2].Trim())}'");
            if (!Elements.TryAtomicNumber(parts[0], out int z)) throw new TemKitFormatException(path, $"line {lineNo}: unknown element '{Quote(parts[0])}'");
            var xyz = new double[3];
            for (int c = 0; c < 3; c++)
                if (!double.TryParse(parts[c + 1], NumberStyles.Float, s_inv, out xyz[c]) || !double.IsFinite(xyz[c]))
                    throw new TemKitFormatException(path, $"line {lineNo}: coordinate '{Quote(parts[c + 1])}' is not a number");
            var atom = new Atom(z, xyz[0], xyz[1], xyz[2]);
            bool isSupport = tagColumn >= 0 && parts.Length > tagColumn && parts[tagColumn] == "0";
            (isSupport ? support : particle).Add(atom);
        }
        if (particle.Count + support.Count == 0) throw new TemKitFormatException(path, "the file holds no atoms");
        if (cellX > 0 && cellY > 0) return new Specimen([.. particle], [.. support], cellX, cellY);
        var all = particle.Concat(support).ToList();
        double x0 = all.Min(a => a.XAngstrom), y0 = all.Min(a => a.YAngstrom), z0 = all.Min(a => a.ZAngstrom);
        double w = all.Max(a => a.XAngstrom) - x0 + 2 * marginAngstrom, h = all.Max(a => a.YAngstrom) - y0 + 2 * marginAngstrom;
        Atom Shift(Atom a) => a.Translated(marginAngstrom - x0, marginAngstrom - y0, marginAngstrom - z0);
        return new Specimen([.. particle.Select(Shift)], [.. support.Select(Shift)], w, h);
    }

    /// <summary>A token from the file as a message quotes it: at most 40 characters.</summary>
    private static string Quote(string token) => token.Length > 40 ? string.Concat(token.AsSpan(0, 40), "…") : token;

    private static (double X, double Y) ParseLattice(string path, string comment)
    {
        int at = comment.IndexOf("Lattice=\"", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return (0, 0);
        int start = at + 9, end = comment.IndexOf('"', start);
        if (end < 0) throw new TemKitFormatException(path, "line 2: Lattice=\" has no closing quote");
        var v = comment[start..end].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (v.Length != 9 || !v.All(t => double.TryParse(t, NumberStyles.Float, s_inv, out _)))
            throw new TemKitFormatException(path, "line 2: Lattice needs 9 numbers");
        var n = v.Select(t => double.Parse(t, s_inv)).ToArray();
        if (Math.Abs(n[1]) + Math.Abs(n[3]) > 1e-6)
            throw new TemKitFormatException(path, "line 2: Lattice must be orthogonal in x and y (an upright cell)");
        return (n[0], n[4]);
    }

    // Column index (after splitting the atom line) of an integer "tags" property, or −1.
    private static int TagColumn(string comment)
    {
        int at = comment.IndexOf("Properties=", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return -1;
        string spec = comment[(at + 11)..].Split(' ')[0];
        var fields = spec.Split(':');
        int column = 0;
        for (int i = 0; i + 2 < fields.Length; i += 3)
        {
            if (fields[i].Equals("tags", StringComparison.OrdinalIgnoreCase)) return column;
            if (!int.TryParse(fields[i + 2], NumberStyles.Integer, s_inv, out int width)) return -1;
            column += width;
        }
        return -1;
    }
}
