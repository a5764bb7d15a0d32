using System.Globalization;
using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Tests.Cli;

/// <summary>Batches go on past a bad frame; sizes that would hang or fill the disk are refused up front.</summary>
[Collection("cli")]
public sealed class BatchAndBoundsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MtfFitGoesOnPastAFrameTooSmallToAnalyse()
    {
        var row = new Image2D(7, 1, VoxelSize.Isotropic(1));
        for (int i = 0; i < 7; i++) row.Pixels[i] = 3 + i % 2;
        MrcFile.Write(_dir["a_row.mrc"], row);
        var vacuum = new Image2D(64, 64, VoxelSize.Isotropic(1));
        var rng = new Random(1);
        for (int i = 0; i < vacuum.Pixels.Length; i++) vacuum.Pixels[i] = rng.Next(0, 200); // noise, any spectrum
        MrcFile.Write(_dir["b_vacuum.mrc"], vacuum);
        var (code, _, stderr) = CliRunner.Run("mtf", "fit", _dir["a_row.mrc"], _dir["b_vacuum.mrc"], "-o", _dir["run"], "--no-plots");
        Assert.Equal(1, code);
        Assert.Contains("a_row.mrc frame 0: region 0,0,7,1 is smaller than 8x8 px", stderr);
        var lines = File.ReadAllLines(Path.Combine(_dir["run"], "mtf.csv"));
        Assert.Equal(3, lines.Length); // header, the error row, and the vacuum frame that was still analysed
        Assert.Contains(lines, l => l.Contains("b_vacuum.mrc,0,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--shells", "100000")]
    [InlineData("--shells", "-1")]
    [InlineData("--cut", "41")]
    public void ClusterSizesAreBounded(string option, string value)
    {
        var (code, _, stderr) = CliRunner.Run("simulate", "cluster", "--shape", "icosahedron", option, value, "-o", _dir["c.xyz"]);
        Assert.Equal(2, code);
        Assert.StartsWith($"temkit: {option} {value}: must be a whole number in [0, 40]", stderr.Trim());
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void ClusterMagicNumbersStillWork()
    {
        var (code, stdout, _) = CliRunner.Run("simulate", "cluster", "--shape", "icosahedron", "--shells", "3", "-o", _dir["c.xyz"]);
        Assert.Equal(0, code);
        Assert.Contains("147 atoms", stdout);
        Assert.Equal("147", File.ReadLines(_dir["c.xyz"]).First().Trim());
    }

    [Fact]
    public void RangesFileThatIsNotAMappingGetsAReadableMessage()
    {
        File.WriteAllText(_dir["ranges.yaml"], "hello\n");
        var (code, _, stderr) = CliRunner.Run("simulate", "dataset", "--count", "1", "--ranges", _dir["ranges.yaml"], "-o", _dir["ds"]);
        Assert.Equal(1, code);
        Assert.Equal("temkit: ranges.yaml: line 1: expected a mapping of parameter names to [min, max] ranges (see docs/simulation.md)", stderr.Trim());
        (code, _, stderr) = CliRunner.Run("simulate", "particle", "--xyz", _dir["missing.xyz"], "-o", _dir["p"]);
        Assert.Equal(1, code);
        Assert.Equal("temkit: missing.xyz: file not found", stderr.Trim());
    }

    [Fact]
    public void ParticleMaskCoversTheParticleAndNoSupportAtom()
    {
        const double s = 0.2;
        var (code, _, stderr) = CliRunner.Run("simulate", "particle", "--diameter-nm", "1.5", "--grid", "128", "--pixel-size-angstrom", "0.2",
            "--seed", "3", "-o", _dir["p"]);
        Assert.True(code == 0, stderr);
        var mask = MrcFile.Read(Path.Combine(_dir["p"], "mask.mrc")).FrameImage(0);
        var lines = File.ReadAllLines(Path.Combine(_dir["p"], "structure.xyz"));
        int n = int.Parse(lines[0].Trim(), CultureInfo.InvariantCulture);
        var particle = new List<(double X, double Y)>();
        var support = new List<(double X, double Y)>();
        foreach (string line in lines.Skip(2).Take(n))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var p = (double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture));
            (f[^1] == "0" ? support : particle).Add(p);
        }
        Assert.NotEmpty(particle);
        Assert.NotEmpty(support);
        bool MaskNear(double x, double y, int reach)
        {
            int cx = (int)Math.Floor(x / s), cy = (int)Math.Floor(y / s);
            for (int dy = -reach; dy <= reach; dy++)
                for (int dx = -reach; dx <= reach; dx++)
                    if (cx + dx is >= 0 and < 128 && cy + dy is >= 0 and < 128 && mask[cx + dx, cy + dy] > 0) return true;
            return false;
        }
        // Every particle atom centre lies on the mask (within one pixel of its rasterised hull edge) ...
        Assert.All(particle, p => Assert.True(MaskNear(p.X, p.Y, 1), $"particle atom at {p} off the mask"));
        // ... and support atoms away from the particle's projection are not masked.
        var clear = support.Where(q => particle.All(p => Math.Pow(p.X - q.X, 2) + Math.Pow(p.Y - q.Y, 2) > 2.0 * 2.0)).ToList();
        Assert.NotEmpty(clear);
        Assert.All(clear, q => Assert.False(MaskNear(q.X, q.Y, 0), $"support atom at {q} is masked"));
    }
}

[Collection("cli")]
public sealed class MtfSeriesPlotTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SeriesPlotShowsGoodAndPoorFitsAsTwoVisibleSeries()
    {
        Assert.Equal(0, CliRunner.Run("noise", "simulate", "-o", _dir["vac.mrc"], "--size-px", "128", "--frames", "4", "--seed", "1").ExitCode);
        var (code, _, stderr) = CliRunner.Run("mtf", "series", _dir["vac.mrc"], "-o", _dir["run"]);
        Assert.True(code is 0 or 1, stderr);
        string svg = File.ReadAllText(Path.Combine(_dir["run"], "series_parameters.svg"));
        var series = System.Text.RegularExpressions.Regex.Matches(svg, "class=\"series scatter\" data-name=\"([^\"]+)\" fill=\"(#[0-9a-f]{6})\"")
            .Select(m => (Name: System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), Fill: m.Groups[2].Value)).Distinct().ToList();
        Assert.NotEmpty(series);
        Assert.All(series, s => Assert.NotEqual("#ffffff", s.Fill));
        Assert.All(series, s => Assert.StartsWith("fits with R² ", s.Name));
    }

    [Fact]
    public void FramePlotLegendsHideNoSpectrumPoint()
    {
        Assert.Equal(0, CliRunner.Run("noise", "simulate", "-o", _dir["vac.mrc"], "--size-px", "128", "--frames", "3", "--seed", "2").ExitCode);
        CliRunner.Run("mtf", "fit", _dir["vac.mrc"], "-o", _dir["run"]);
        var svgs = Directory.GetFiles(Path.Combine(_dir["run"], "plots"), "*.svg");
        Assert.NotEmpty(svgs);
        var number = System.Globalization.CultureInfo.InvariantCulture;
        foreach (string file in svgs)
        {
            foreach (string panel in File.ReadAllText(file).Split("<g class=\"plot\"").Skip(1))
            {
                var box = System.Text.RegularExpressions.Regex.Match(panel, "<g class=\"legend\">\\s*<rect x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" width=\"([0-9.]+)\" height=\"([0-9.]+)\"");
                Assert.True(box.Success, file);
                double x0 = double.Parse(box.Groups[1].Value, number), y0 = double.Parse(box.Groups[2].Value, number);
                double x1 = x0 + double.Parse(box.Groups[3].Value, number), y1 = y0 + double.Parse(box.Groups[4].Value, number);
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(panel, "<circle class=\"marker\" cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\""))
                {
                    double cx = double.Parse(m.Groups[1].Value, number), cy = double.Parse(m.Groups[2].Value, number);
                    Assert.False(cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1, $"{Path.GetFileName(file)}: a spectrum point at ({cx}, {cy}) is under the legend");
                }
            }
        }
    }
}
