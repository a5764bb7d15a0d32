using System.Globalization;
using TemKit.Cli;
using TemKit.Detector;
using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Tests.Detector;

[Collection("cli")]
public sealed class DetectorCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "temkit-mtf-cli-" + Guid.NewGuid().ToString("N"));

    public DetectorCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(SplitCsv(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted) { if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; } else if (c == '"') quoted = false; else current.Append(c); }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return [.. fields];
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void SimulateThenSeriesRecoversReadoutNoise()
    {
        string stack = Path.Combine(_dir, "vac.mrc"), run = Path.Combine(_dir, "run");
        Assert.Equal(0, Program.Main(["noise", "simulate", "-o", stack, "--frames", "6", "--size-px", "256", "--c0", "0.25", "--c3", "2.5", "--n0", "0.01", "--dose-e-per-A2", "10:1300", "--pixel-size", "0.05"]));
        var truth = ReadCsv(Path.Combine(_dir, "vac_truth.csv"));
        Assert.Equal(6, truth.Count);
        Assert.Equal(10.0, D(truth[0]["dose_e_per_A2"]), 9);
        Assert.Equal(1300.0, D(truth[5]["dose_e_per_A2"]), 9);

        Assert.Equal(0, Program.Main(["mtf", "series", stack, "-o", run]));
        var rows = ReadCsv(Path.Combine(run, "mtf.csv"));
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal("ok", r["status"]));
        for (int i = 0; i < 6; i++)
            Assert.InRange(D(rows[i]["dose_e_per_px"]), 0.95 * D(truth[i]["dose_e_per_px"]), 1.05 * D(truth[i]["dose_e_per_px"]));
        var readout = ReadCsv(Path.Combine(run, "readout.csv")).Single();
        Assert.InRange(D(readout["N0"]), 0.0085, 0.0115);
        Assert.Equal("6", readout["frames"]);
        Assert.True(File.Exists(Path.Combine(run, "plots", "vac_f0005.svg")));
        Assert.True(File.Exists(Path.Combine(run, "series_readout.svg")));
        Assert.True(File.Exists(Path.Combine(run, "series_parameters.svg")));
    }

    [Fact]
    public void BadFramesGetErrorRowsAndTheSeriesSkipsThem()
    {
        var model = new DetectorModel(0.25, 2.5, 0, 0.01);
        var rng = new Random(3);
        var stack = new ImageStack(256, 256, 5, StackKind.ImageStack, VoxelSize.Isotropic(0.05));
        double[] perPixel = [0.05, 0.2, 0, 0.8, 3.2];
        for (int z = 0; z < 5; z++)
            if (perPixel[z] > 0) DetectorSimulator.Vacuum(256, 256, perPixel[z], model, rng).Pixels.CopyTo(stack.Frame(z));
        string good = Path.Combine(_dir, "series.mrc"), broken = Path.Combine(_dir, "broken.mrc"), run = Path.Combine(_dir, "run");
        MrcFile.Write(good, stack);
        File.WriteAllBytes(broken, new byte[100]);

        Assert.Equal(1, Program.Main(["mtf", "series", good, broken, "-o", run, "--no-plots"]));
        var rows = ReadCsv(Path.Combine(run, "mtf.csv"));
        Assert.Equal(6, rows.Count);
        var zero = rows.Single(r => r["frame"] == "2");
        Assert.Equal("error", zero["status"]);
        Assert.Equal("frame is all zero", zero["error"]);
        var bad = rows.Single(r => r["file"] == broken);
        Assert.Equal("error", bad["status"]);
        Assert.NotEmpty(bad["error"]);
        Assert.Equal("4", ReadCsv(Path.Combine(run, "readout.csv")).Single()["frames"]);
    }

    [Fact]
    public void RegionOutsideTheImageIsAnErrorRow()
    {
        string file = Path.Combine(_dir, "one.mrc"), run = Path.Combine(_dir, "run");
        MrcFile.Write(file, DetectorSimulator.Vacuum(128, 128, 1.0, DetectorModel.Preset(3), new Random(1), VoxelSize.Isotropic(0.1)));
        Assert.Equal(1, Program.Main(["mtf", "fit", file, "-o", run, "--region", "100,100,64,64"]));
        var row = ReadCsv(Path.Combine(run, "mtf.csv")).Single();
        Assert.Equal("error", row["status"]);
        Assert.Contains("outside the 128x128 image", row["error"]);
        Assert.Equal(2, Program.Main(["mtf", "fit", file, "-o", run, "--region", "1,2,3"]));
    }

    [Fact]
    public void ApplyWritesNoisyStackAtTheDose()
    {
        string clean = Path.Combine(_dir, "clean.mrc"), noisy = Path.Combine(_dir, "noisy.mrc");
        var image = new Image2D(128, 128, VoxelSize.Isotropic(0.5));
        for (int y = 0; y < 128; y++)
            for (int x = 0; x < 128; x++)
                image[x, y] = 1 + 0.3f * MathF.Sin(x * 0.2f);
        MrcFile.Write(clean, image);
        Assert.Equal(0, Program.Main(["noise", "apply", clean, "--dose-e-per-A2", "40", "--mtf-model", "4", "-o", noisy, "--seed", "5"]));
        var result = MrcFile.Read(noisy);
        Assert.Equal((128, 128, 1), (result.Nx, result.Ny, result.Nz));
        double mean = result.Frame(0).ToArray().Average(v => (double)v);
        Assert.InRange(mean, 40 * 0.25 * 0.97, 40 * 0.25 * 1.03); // 40 e/Å² × 0.25 Å² per pixel
        var truth = ReadCsv(Path.Combine(_dir, "noisy_truth.csv")).Single();
        Assert.InRange(D(truth["c0"]), 0.25, 0.6);
        Assert.InRange(D(truth["c3"]), 2.0, 5.0);
    }
}
