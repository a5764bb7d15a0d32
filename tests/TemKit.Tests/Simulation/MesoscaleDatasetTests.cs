using TemKit.IO.Mrc;
using TemKit.Simulation.Mesoscale;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Simulation;

/// <summary>The mesoscale dataset: shards fill one folder, reruns resume, another plan is refused, fields are reproducible.</summary>
public class MesoscaleDatasetTests
{
    private static readonly MesoscaleDatasetRanges Small = new() { SizePx = 32, DefocusAngstrom = new(10000, 30000) };

    [Fact]
    public void ShardsFillOneDatasetThatResumesAndRefusesAnotherPlan()
    {
        using var dir = new TempFolder();
        string ds = dir["ds"];
        var first = MesoscaleDataset.Run(ds, Small, 3, seed: 9, shardIndex: 0, shardCount: 2);
        Assert.Equal((2, 0, 2, false), (first.InShard, first.Skipped, first.Simulated, first.Complete));
        Assert.False(File.Exists(Path.Combine(ds, "fields.csv")));
        var second = MesoscaleDataset.Run(ds, Small, 3, seed: 9, shardIndex: 1, shardCount: 2);
        Assert.True(second.Complete);
        var again = MesoscaleDataset.Run(ds, Small, 3, seed: 9);
        Assert.Equal((3, 3, 0), (again.InShard, again.Skipped, again.Simulated));

        var fields = MesoscaleDataset.ReadFields(ds);
        Assert.Equal([0, 1, 2], fields.Select(f => f.Field));
        Assert.All(fields, f => Assert.InRange(f.DefocusAngstrom, 10000, 30000));
        var masks = MrcFile.Read(Path.Combine(ds, "masks.mrc"));
        Assert.Equal(3, masks.Nz);
        // The stack holds each field's mask in field order, and each field is the one Field() simulates.
        var field1 = MesoscaleDataset.Field(Small, 9, 1);
        Assert.Equal(field1.Specimen.Mask, masks.Array.AsSpan(32 * 32, 32 * 32).ToArray());
        Assert.Equal(field1.Detected.Pixels.ToArray(), MrcFile.Read(Path.Combine(ds, fields[1].Image)).Array);
        Assert.Equal(field1.Imaging.DefocusAngstrom, fields[1].DefocusAngstrom, 9);

        var e = Assert.Throws<InvalidOperationException>(() => MesoscaleDataset.Run(ds, Small, 3, seed: 10));
        Assert.Contains("another count, seed or ranges", e.Message);
    }
}
