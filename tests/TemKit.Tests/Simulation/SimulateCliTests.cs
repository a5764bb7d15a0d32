using TemKit.IO.Mrc;

namespace TemKit.Tests.Simulation;

[Collection("cli")]
public class SimulateCliTests
{
    [Fact]
    public void ParticleCommandWritesEveryOutput()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"temkit-sim-cli-{Guid.NewGuid():N}");
        try
        {
            int code = TemKit.Cli.Program.Main(["simulate", "particle", "--element", "Pt", "--diameter-nm", "1.2", "--grid", "128",
                "--pixel-size-angstrom", "0.2", "--seed", "3", "--dose-e-per-A2", "500", "-o", dir]);
            Assert.Equal(0, code);
            foreach (var f in new[] { "image.mrc", "intensity.mrc", "mask.mrc", "exitwave.mrc", "structure.xyz", "params.json", "image.png", "mask.png" })
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            var image = MrcFile.Read(Path.Combine(dir, "image.mrc"));
            Assert.Equal(128, image.Nx);
            Assert.Equal(0.2, image.VoxelSize.XAngstrom, 4);
            double mean = image.Data.ToArray().Average(v => (double)v);
            Assert.Equal(500 * 0.2 * 0.2, mean, 0.5);   // detected e/px ≈ dose × px²
            var mask = MrcFile.Read(Path.Combine(dir, "mask.mrc"));
            Assert.All(mask.Data.ToArray(), v => Assert.True(v is 0f or 1f));
            Assert.Contains(mask.Data.ToArray(), v => v == 1f);
            string json = File.ReadAllText(Path.Combine(dir, "params.json"));
            Assert.Contains("\"element\": \"Pt\"", json);
            // The exit wave is complex MRC (mode 4) whose mean |ψ|² is the one recorded in params.json.
            var wave = MrcFile.ReadComplex(Path.Combine(dir, "exitwave.mrc"), out var header);
            Assert.Equal(4, header.Mode);
            Assert.Equal(128 * 128, wave.Length);
            double meanIntensity = wave.Average(v => (double)v.MagnitudeSquared);
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            Assert.Equal(doc.RootElement.GetProperty("exit_wave_mean_intensity").GetDouble(), meanIntensity, 1e-6);
            Assert.InRange(meanIntensity, 0.98, 1.0);
            Assert.Equal(2, TemKit.Cli.Program.Main(["simulate", "particle", "--diameter-nm", "5", "--grid", "128", "--pixel-size-angstrom", "0.2", "-o", dir]));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ConditionsAreRefusedTogetherWithAFixedDefocusOrARangesFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"temkit-sim-cond-{Guid.NewGuid():N}");
        Assert.Equal(2, TemKit.Cli.Program.Main(["simulate", "column-events", "--conditions", "experimental-replica", "--defocus-angstrom", "100", "-o", dir]));
        Assert.Equal(2, TemKit.Cli.Program.Main(["simulate", "column-events", "--conditions", "experimental-replica", "--ranges", "x.yaml", "-o", dir]));
        Assert.Equal(2, TemKit.Cli.Program.Main(["simulate", "column-events", "--conditions", "scherzer", "-o", dir]));
        Assert.Equal(2, TemKit.Cli.Program.Main(["simulate", "dataset", "--count", "1", "--conditions", "experimental-replica", "--ranges", "x.yaml", "-o", dir]));
        Assert.False(Directory.Exists(dir));
    }
}
