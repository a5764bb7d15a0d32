using System.Globalization;
using System.Text;
using TemKit.CtfEstimation.Fitting;
using TemKit.IO;

namespace TemKit.Pipelines.Defocus.Export;

/// <summary>
/// Writes one CTFFIND4-style result file per micrograph: the five "#" header lines CTFFIND 4.1 writes (program and
/// date, input file, pixel size/voltage/Cs/amplitude contrast, box size and search ranges, column legend) and one row
/// of the seven columns: micrograph number, defocus 1 and 2 (Å), azimuth of astigmatism (degrees), additional phase
/// shift (radians; 0, TemKit does not fit one), cross correlation (the fit score) and the spacing up to which the rings
/// were fit (Å). Scripts and importers (RELION, cryoSPARC) that parse CTFFIND output read it unchanged.
/// </summary>
public static class CtffindText
{
    /// <summary>Writes <paramref name="path"/> atomically for one image's result.</summary>
    public static void Write(string path, DefocusResult result, DefocusRunOptions options, DateTime when)
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(ci, $"# Output from TemKit (CTFFIND4 format), run on {when:yyyy-MM-dd HH:mm:ss}\n");
        text.Append(ci, $"# Input file: {result.File} ; Number of micrographs: 1\n");
        text.Append(ci, $"# Pixel size: {result.PixelSizeAngstrom:F3} Angstroms ; acceleration voltage: {options.Optics.VoltageKilovolts:F1} keV ; spherical aberration: {options.Optics.CsMillimetres:F2} mm ; amplitude contrast: {options.Optics.AmplitudeContrast:F2}\n");
        text.Append(ci, $"# Box size: {result.SpectrumSizePx} pixels ; min. res.: {options.MinResolutionAngstrom:F1} Angstroms ; max. res.: {CtfFitter.HighResolutionUsedAngstrom(options.MaxResolutionAngstrom, result.SpectrumPixelSizeAngstrom):F1} Angstroms ; min. def.: {options.MinDefocusAngstrom:F1} um; max. def. {options.MaxDefocusAngstrom:F1} um\n");
        text.Append("# Columns: #1 - micrograph number; #2 - defocus 1 [Angstroms]; #3 - defocus 2; #4 - azimuth of astigmatism; #5 - additional phase shift [radians]; #6 - cross correlation; #7 - spacing (in Angstroms) up to which CTF rings were fit successfully\n");
        text.Append(ci, $"{1.0:F6} {result.Defocus1Angstrom:F6} {result.Defocus2Angstrom:F6} {result.AstigmatismAngleDegrees:F6} {0.0:F6} {result.FitScore:F6} {result.FitResolutionAngstrom:F6}\n");
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The .txt name for an input file inside <paramref name="folder"/>: the input's name without extension.</summary>
    public static string PathFor(string folder, string input) => Path.Combine(folder, Path.GetFileNameWithoutExtension(input) + ".txt");
}
