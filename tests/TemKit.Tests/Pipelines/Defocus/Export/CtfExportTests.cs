using TemKit.Optics;
using System.Globalization;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Defocus.Export;

namespace TemKit.Tests.Pipelines.Defocus.Export;

/// <summary>The RELION STAR and CTFFIND text outputs parse back (with parsers written here) to the results' numbers.</summary>
public sealed class CtfExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("temkit-export-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly DefocusRunOptions Options = new() { Optics = new ElectronOptics(200, 1.2, 0.1) };

    private static DefocusResult Result(string file, double d1, double d2, double angle, double pixel = 1.25) => new()
    {
        File = file, Status = DefocusResult.StatusOk, Defocus1Angstrom = d1, Defocus2Angstrom = d2, AstigmatismAngleDegrees = angle,
        FitScore = 0.4321, FitResolutionAngstrom = 4.5, PixelSizeAngstrom = pixel, SpectrumPixelSizeAngstrom = pixel, SpectrumSizePx = 512,
    };

    /// <summary>A minimal STAR reader: block name → (labels, rows of whitespace-separated tokens).</summary>
    private static Dictionary<string, (List<string> Labels, List<string[]> Rows)> ParseStar(string path)
    {
        var blocks = new Dictionary<string, (List<string>, List<string[]>)>();
        (List<string> Labels, List<string[]> Rows)? current = null;
        foreach (string raw in File.ReadLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("data_", StringComparison.Ordinal)) { current = ([], []); blocks[line] = current.Value; continue; }
            if (line == "loop_") continue;
            if (line.StartsWith('_')) { current!.Value.Labels.Add(line.Split(' ')[0][1..]); continue; }
            current!.Value.Rows.Add(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        return blocks;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void StarHasTheOpticsGroupAndOneRowPerGoodMicrograph()
    {
        string path = Path.Combine(_dir, "micrographs_ctf.star");
        var failed = new DefocusResult { File = "/data/bad.mrc", Status = DefocusResult.StatusError, Error = "x" };
        int written = RelionStar.Write(path, [Result("/data/a.mrc", 21000, 19000, 35), failed, Result("/data/b.tif", 15000, 15500, 170)], Options);
        Assert.Equal(2, written);
        Assert.Contains("# version 30001", File.ReadAllText(path));
        var blocks = ParseStar(path);

        var (opticsLabels, optics) = blocks["data_optics"];
        var o = optics.Single();
        Assert.Equal("opticsGroup1", o[opticsLabels.IndexOf("rlnOpticsGroupName")]);
        Assert.Equal(200, D(o[opticsLabels.IndexOf("rlnVoltage")]));
        Assert.Equal(1.2, D(o[opticsLabels.IndexOf("rlnSphericalAberration")]));
        Assert.Equal(0.1, D(o[opticsLabels.IndexOf("rlnAmplitudeContrast")]));
        Assert.Equal(1.25, D(o[opticsLabels.IndexOf("rlnMicrographPixelSize")]));

        var (labels, rows) = blocks["data_micrographs"];
        Assert.Equal(2, rows.Count);
        string[] a = rows[0], b = rows[1];
        double Col(string[] row, string label) => D(row[labels.IndexOf(label)]);
        Assert.Equal("/data/a.mrc", a[labels.IndexOf("rlnMicrographName")]);
        Assert.Equal(21000, Col(a, "rlnDefocusU"));
        Assert.Equal(19000, Col(a, "rlnDefocusV"));
        Assert.Equal(2000, Col(a, "rlnCtfAstigmatism"));
        Assert.Equal(35, Col(a, "rlnDefocusAngle"));
        Assert.Equal(0.4321, Col(a, "rlnCtfFigureOfMerit"));
        Assert.Equal(4.5, Col(a, "rlnCtfMaxResolution"));
        Assert.Equal(1, Col(a, "rlnOpticsGroup"));
        // RELION's U is the larger defocus: a result whose defocus 2 is larger is written with U and V swapped.
        Assert.Equal((15500, 15000, 500), (Col(b, "rlnDefocusU"), Col(b, "rlnDefocusV"), Col(b, "rlnCtfAstigmatism")));
        // ... and its angle is the U axis's, 90° from the defocus-1 axis (170° + 90° = 80° mod 180°).
        Assert.Equal(80, Col(b, "rlnDefocusAngle"), 6);
        Assert.Equal(35, Col(a, "rlnDefocusAngle"), 6);
        Assert.DoesNotContain("rlnCtfImage", labels);
    }

    [Fact]
    public void StarNamesTheDiagnosticImageWhereEveryRowHasOne()
    {
        string path = Path.Combine(_dir, "with-ctf-image.star");
        RelionStar.Write(path, [Result("/data/a.mrc", 21000, 19000, 35), Result("/data/b.mrc", 15000, 14000, 10)], Options,
            file => "/run/diagnostics/" + Path.GetFileNameWithoutExtension(file) + ".ctf.mrc");
        var (labels, rows) = ParseStar(path)["data_micrographs"];
        // RELION's CtfFind job writes rlnCtfImage third, after rlnMicrographName and rlnOpticsGroup.
        Assert.Equal(["rlnMicrographName", "rlnOpticsGroup", "rlnCtfImage"], labels.Take(3));
        Assert.Equal("/run/diagnostics/a.ctf.mrc", rows[0][2]);
        Assert.Equal("/run/diagnostics/b.ctf.mrc", rows[1][2]);
        Assert.Equal(21000, D(rows[0][labels.IndexOf("rlnDefocusU")]));

        string partial = Path.Combine(_dir, "partial.star");
        RelionStar.Write(partial, [Result("/data/a.mrc", 21000, 19000, 35), Result("/data/b.mrc", 15000, 14000, 10)], Options,
            file => file.EndsWith("a.mrc", StringComparison.Ordinal) ? "/run/a.ctf.mrc" : null);
        Assert.DoesNotContain("rlnCtfImage", ParseStar(partial)["data_micrographs"].Labels);
    }

    [Fact]
    public void CtffindTextHasTheFiveHeaderLinesAndSevenColumns()
    {
        string path = CtffindText.PathFor(_dir, "/data/a.mrc");
        Assert.Equal(Path.Combine(_dir, "a.txt"), path);
        CtffindText.Write(path, Result("/data/a.mrc", 21000.5, 19000.25, 35.5), Options, new DateTime(2026, 1, 2, 3, 4, 5));
        var lines = File.ReadAllLines(path);
        Assert.Equal(6, lines.Length);
        Assert.All(lines[..5], l => Assert.StartsWith("# ", l));
        Assert.StartsWith("# Columns: #1 - micrograph number; #2 - defocus 1 [Angstroms]; #3 - defocus 2; #4 - azimuth of astigmatism;", lines[4]);
        Assert.Contains("Pixel size: 1.250 Angstroms ; acceleration voltage: 200.0 keV ; spherical aberration: 1.20 mm ; amplitude contrast: 0.10", lines[2]);
        var v = lines[5].Split(' ').Select(D).ToArray();
        Assert.Equal([1, 21000.5, 19000.25, 35.5, 0, 0.4321, 4.5], v);
        // The automatic limit (--max-resolution-angstrom 0) is written as the spacing used, 2.2 spectrum px, not "0.0".
        double maxRes = D(lines[3].Split("max. res.: ")[1].Split(' ')[0]);
        Assert.InRange(maxRes, 2.2 * 1.25 - 0.05, 2.2 * 1.25 + 0.05);
    }
}
