using System.Globalization;
using System.Text;
using TemKit.IO;

namespace TemKit.Pipelines.Defocus.Export;

/// <summary>
/// Writes a RELION 3.1+ micrographs_ctf.star of a defocus run: a data_optics block (one optics group with voltage, Cs,
/// amplitude contrast and pixel size) and a data_micrographs block with rlnMicrographName, rlnOpticsGroup,
/// rlnDefocusU/V (Å, U ≥ V), rlnCtfAstigmatism (U − V, Å), rlnDefocusAngle (degrees, CTFFIND's azimuth of the U axis),
/// rlnCtfFigureOfMerit (the fit score) and rlnCtfMaxResolution (Å), the layout RELION's CtfFind job writes.
/// Images that failed, and images whose pixel size differs from the first, are left out (RELION needs one pixel size
/// per optics group); <see cref="Write"/> returns how many rows it wrote.
/// </summary>
public static class RelionStar
{
    /// <summary>RELION's STAR format version line for 3.1 (also read by 4.x and 5.x).</summary>
    public const string VersionLine = "# version 30001";

    /// <summary>Writes <paramref name="path"/> atomically; returns the number of micrographs written.</summary>
    public static int Write(string path, IEnumerable<DefocusResult> results, DefocusRunOptions options)
    {
        var ok = results.Where(r => r.IsOk && double.IsFinite(r.Defocus1Angstrom) && r.PixelSizeAngstrom > 0).ToList();
        double pixel = ok.Count > 0 ? ok[0].PixelSizeAngstrom : options.PixelSizeAngstrom ?? 0;
        var rows = ok.Where(r => Math.Abs(r.PixelSizeAngstrom - pixel) <= 1e-6 * pixel).ToList();
        string F(double v) => v.ToString("F6", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append('\n').Append(VersionLine).Append("\n\ndata_optics\n\nloop_ \n");
        string[] optics = ["rlnOpticsGroupName", "rlnOpticsGroup", "rlnMicrographOriginalPixelSize", "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnMicrographPixelSize"];
        for (int i = 0; i < optics.Length; i++) text.Append('_').Append(optics[i]).Append(" #").Append(i + 1).Append(" \n");
        text.Append("opticsGroup1 1 ").Append(F(pixel)).Append(' ').Append(F(options.Optics.VoltageKilovolts)).Append(' ')
            .Append(F(options.Optics.CsMillimetres)).Append(' ').Append(F(options.Optics.AmplitudeContrast)).Append(' ').Append(F(pixel)).Append(" \n \n");
        text.Append('\n').Append(VersionLine).Append("\n\ndata_micrographs\n\nloop_ \n");
        string[] columns = ["rlnMicrographName", "rlnOpticsGroup", "rlnDefocusU", "rlnDefocusV", "rlnCtfAstigmatism", "rlnDefocusAngle", "rlnCtfFigureOfMerit", "rlnCtfMaxResolution"];
        for (int i = 0; i < columns.Length; i++) text.Append('_').Append(columns[i]).Append(" #").Append(i + 1).Append(" \n");
        foreach (var r in rows)
        {
            // RELION splits on whitespace; a name with spaces cannot be written as one token.
            string name = r.File.Contains(' ', StringComparison.Ordinal) ? $"\"{r.File}\"" : r.File;
            double u = Math.Max(r.Defocus1Angstrom, r.Defocus2Angstrom), v = Math.Min(r.Defocus1Angstrom, r.Defocus2Angstrom);
            text.Append(name).Append(" 1 ").Append(F(u)).Append(' ').Append(F(v)).Append(' ').Append(F(u - v)).Append(' ')
                .Append(F(r.AstigmatismAngleDegrees)).Append(' ').Append(F(r.FitScore)).Append(' ').Append(F(r.FitResolutionAngstrom)).Append(" \n");
        }
        text.Append(" \n");
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text.ToString())));
        return rows.Count;
    }
}
