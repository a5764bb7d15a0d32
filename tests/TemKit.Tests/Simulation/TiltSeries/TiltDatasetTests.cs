using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;

namespace TemKit.Tests.Simulation.TiltSeries;

public class TiltDatasetTests
{
    private static TiltDatasetRanges Small => TiltDatasetRangesYaml.Parse("""
        shapes: [icosahedron, octahedron]
        elements: [Au, Cu]
        diameter_nanometres: [0.8]
        orientations_per_cluster: 2
        tilts: "-30:30:30"
        image_pixels: 24
        dose_electrons_per_angstrom2: [1000, 10000]
        split: [0.5, 0.25, 0.25]
        """);

    [Fact]
    public void PlanSpansEveryCombinationAndSplitsByCluster()
    {
        var plan = TiltDataset.Plan(Small, 1);
        Assert.Equal(8, plan.Count);
        Assert.Equal(4, plan.Count(i => i.Split == "train"));
        Assert.Equal(2, plan.Count(i => i.Split == "validation"));
        Assert.Equal(2, plan.Count(i => i.Split == "test"));
        Assert.Equal(2, plan.Select(i => i.Cluster.Shape).Distinct().Count());
        Assert.All(plan, i => Assert.InRange(i.DoseElectronsPerAngstrom2, 1000, 10000));
        Assert.Equal(plan, TiltDataset.Plan(Small, 1));
        Assert.NotEqual(plan.Select(i => i.OrientationSeed), TiltDataset.Plan(Small, 2).Select(i => i.OrientationSeed));
    }

    [Fact]
    public void ShardsTogetherMakeTheWholeDatasetAndARerunResumes()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"temkit-td-{Guid.NewGuid():N}");
        try
        {
            var a = TiltDataset.Run(dir, Small, 1, 0, 2);
            var b = TiltDataset.Run(dir, Small, 1, 1, 2);
            Assert.Equal((4, 4), (a.Simulated, b.Simulated));
            Assert.Equal(8, Directory.GetDirectories(Path.Combine(dir, "clusters")).Length);
            var again = TiltDataset.Run(dir, Small, 1);
            Assert.Equal((8, 0), (again.Skipped, again.Simulated));
            Assert.Equal(9, File.ReadAllLines(Path.Combine(dir, "clusters.csv")).Length);
            Assert.Throws<InvalidOperationException>(() => TiltDataset.Run(dir, Small, 2));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void UnknownKeysAndBadValuesNameTheProblem()
    {
        Assert.ThrowsAny<Exception>(() => TiltDatasetRangesYaml.Parse("shapez: [icosahedron]"));
        var e = Assert.Throws<ArgumentException>(() => TiltDatasetRangesYaml.Parse("shapes: [tetrahedron]"));
        Assert.Contains("tetrahedron", e.Message);
        string text = TiltDatasetRangesYaml.Format(Small);
        Assert.Equal(text, TiltDatasetRangesYaml.Format(TiltDatasetRangesYaml.Parse(text)));
    }
}
