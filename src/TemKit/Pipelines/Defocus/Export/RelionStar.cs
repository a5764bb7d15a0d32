using System.Globalization;
using System.Text;
using TemKit.IO;

namespace TemKit.Pipelines.Defocus.Export;

/// <summary>
/// Writes a RELION 3.1+ micrographs_ctf.star of a defocus run: a data_optics block (one optics group with voltage, Cs,
/// amplitude contrast and pixel size) and a data_micrographs block with rlnMicrographName, rlnOpticsGroup,
/// rlnDefocusU/V (Å, U ≥ V), rlnCtfAstigmatism (U − V, Å), rlnDefocusAngle (degrees, CTFFIND's azimuth of the U axis),
/// rlnCtfFigureOfMerit (the fit score) and rlnCtfMaxResolution (Å), the layout RELION's CtfFind job writes; with
/// rlnCtfImage (after rlnOpticsGroup, as RELION writes it) when every row has a CTFFIND-style diagnostic image.
/// Images that failed, and images whose pixel size differs from the first, are left out (RELION needs one pixel size
/// per optics group); <see cref="Write"/> returns how many rows it wrote.
/// </summary>
public static class RelionStar
{
    /// <summary>RELION's STAR format version line for 3.1 (also read by 4.x and 5.x).</summary>
    public const string VersionLine = "# version 30001";

    /// <summary>Writes <paramref name="path"/> atomically; returns the number of micrographs written.</summary>
    /// <param name="path">The STAR file to write.</param>
    /// <param name="results">Every image's result (failed ones are left out).</param>
    /// <param name="options">The run's settings (the optics group's constants).</param>
    /// <param name="ctfImageOf">The diagnostic image (spectrum and fitted CTF) of a micrograph, or null when it has none;
    /// the rlnCtfImage column is written only when every written row has one.</param>
    public static int Write(string path, IEnumerable<DefocusResult> results, DefocusRunOptions options, Func<string, string?>? ctfImageOf = null)
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
        var ctfImages = rows.Select(r => ctfImageOf?.Invoke(r.File)).ToList();
        bool withCtfImage = rows.Count > 0 && ctfImages.All(c => c != null);
        string[] columns = withCtfImage
            ? ["rlnMicrographName", "rlnOpticsGroup", "rlnCtfImage", "rlnDefocusU", "rlnDefocusV", "rlnCtfAstigmatism", "rlnDefocusAngle", "rlnCtfFigureOfMerit", "rlnCtfMaxResolution"]
            : ["rlnMicrographName", "rlnOpticsGroup", "rlnDefocusU", "rlnDefocusV", "rlnCtfAstigmatism", "rlnDefocusAngle", "rlnCtfFigureOfMerit", "rlnCtfMaxResolution"];
        for (int i = 0; i < columns.Length; i++) text.Append('_').Append(columns[i]).Append(" #").Append(i + 1).Append(" \n");
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            double u = Math.Max(r.Defocus1Angstrom, r.Defocus2Angstrom), v = Math.Min(r.Defocus1Angstrom, r.Defocus2Angstrom);
            // The angle is the azimuth of the U (larger defocus) axis: when defocus 2 is the larger, U is 90° away.
            double angle = r.Defocus2Angstrom > r.Defocus1Angstrom ? (r.AstigmatismAngleDegrees + 90) % 180 : r.AstigmatismAngleDegrees;
            text.Append(Token(r.File)).Append(" 1 ");
            if (withCtfImage) text.Append(Token(ctfImages[i]!)).Append(' ');
            text.Append(F(u)).Append(' ').Append(F(v)).Append(' ').Append(F(u - v)).Append(' ')
                .Append(F(angle)).Append(' ').Append(F(r.FitScore)).Append(' ').Append(F(r.FitResolutionAngstrom)).Append(" \n");
        }
        text.Append(" \n");
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text.ToString())));
        return rows.Count;
    }

    /// <summary>RELION splits on whitespace: a path with spaces is written quoted, as one token.</summary>
    private static string Token(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
