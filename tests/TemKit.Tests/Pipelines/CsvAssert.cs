using System.Globalization;
using TemKit.IO.Csv;

namespace TemKit.Tests.Pipelines;

/// <summary>Compares two CSV files cell by cell: text cells exactly, numbers to a relative tolerance.</summary>
internal static class CsvAssert
{
    /// <summary>
    /// Same header, same number of rows, equal text cells, numbers within <paramref name="relative"/> of each other
    /// plus <paramref name="absolute"/> (angles, columns ending in _deg, within <paramref name="degrees"/>: they are
    /// ill-defined at small astigmatism).
    /// The FFTW backend picks SIMD or scalar codelets by the alignment of managed arrays, so two runs of the same image
    /// can differ in the last bits of the spectrum and, through the fit's stopping rule, at ~1e-5 relative in defocus.
    /// </summary>
    public static void Equivalent(string expectedPath, string actualPath, double relative = 1e-3, double degrees = 1.0, double absolute = 1e-9)
    {
        var a = CsvFiles.ReadTable(expectedPath);
        var b = CsvFiles.ReadTable(actualPath);
        Assert.Equal(a.Headers, b.Headers);
        Assert.Equal(a.Rows.Count, b.Rows.Count);
        for (int r = 0; r < a.Rows.Count; r++)
            for (int c = 0; c < a.Headers.Length; c++)
            {
                string x = a.Rows[r][c], y = b.Rows[r][c];
                if (double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out double u) &&
                    double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    double tolerance = a.Headers[c].EndsWith("_deg", StringComparison.Ordinal) ? degrees : relative * Math.Max(Math.Abs(u), Math.Abs(v)) + absolute;
                    Assert.True(Math.Abs(u - v) <= tolerance, $"{Path.GetFileName(actualPath)} row {r + 1} column {a.Headers[c]}: {x} vs {y}");
                }
                else
                {
                    Assert.True(x == y, $"{Path.GetFileName(actualPath)} row {r + 1} column {a.Headers[c]}: '{x}' vs '{y}'");
                }
            }
    }
}
