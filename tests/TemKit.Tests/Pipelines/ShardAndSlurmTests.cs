using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Defocus.Slurm;

namespace TemKit.Tests.Pipelines;

public class ShardAndSlurmTests
{
    private static List<string> Files(int n) => Enumerable.Range(0, n).Select(i => $"/data/img_{i * 7919 % 1000:D4}_{i}.mrc").ToList();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(10, 4)]
    [InlineData(1070, 16)]
    public void SlicesPartitionTheSortedListDeterministically(int files, int shards)
    {
        var all = Files(files);
        var sorted = all.OrderBy(f => f, StringComparer.Ordinal).ToList();
        var shuffled = all.ToArray();
        new Random(3).Shuffle(shuffled);
        var seen = new List<string>();
        for (int k = 0; k < shards; k++)
        {
            var slice = Shards.Slice(all, k, shards);
            // Same slice whatever order the inputs came in.
            Assert.Equal(slice, Shards.Slice(shuffled, k, shards));
            // Naive reference: the i-th sorted file belongs to shard i mod N.
            Assert.Equal(sorted.Where((_, i) => i % shards == k), slice);
            Assert.InRange(slice.Count, files / shards, files / shards + 1);
            seen.AddRange(slice);
        }
        Assert.Equal(sorted, seen.OrderBy(f => f, StringComparer.Ordinal));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void ParsesShardArgument(string text, int k, int n) => Assert.Equal((k, n), Shards.Parse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("0/0")]
    public void RejectsBadShardArgument(string text) => Assert.Throws<FormatException>(() => Shards.Parse(text));

    [Fact]
    public void ArrayScriptRunsEveryShardAndQuotesPaths()
    {
        var script = SlurmScripts.ArrayScript(["/usr/bin/dotnet", "/opt/tem kit/TemKit.Cli.dll"], "/runs/my run", "/runs/my run/slurm/inputs.txt",
            ["--voltage-kv", "200"], new SlurmJobOptions { Shards = 4, Partition = "gpu", Time = "01:00:00", CpusPerTask = 3, Memory = "4G" });
        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains("#SBATCH --array=0-3\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=3\n", script);
        Assert.Contains("#SBATCH --partition=gpu\n", script);
        Assert.Contains("#SBATCH --time=01:00:00\n", script);
        Assert.Contains("#SBATCH --mem=4G\n", script);
        Assert.Contains("/usr/bin/dotnet '/opt/tem kit/TemKit.Cli.dll' defocus --input-list '/runs/my run/slurm/inputs.txt' -o '/runs/my run'", script);
        Assert.Contains("--shard \"${SLURM_ARRAY_TASK_ID}/4\"", script);
        Assert.Contains("--voltage-kv 200", script);
        var merge = SlurmScripts.MergeScript(["temkit"], "/runs/r", new SlurmJobOptions());
        Assert.Contains("temkit merge /runs/r\n", merge);
    }

    [Fact]
    public void QuotesForBash()
    {
        Assert.Equal("plain/path-1.mrc", SlurmScripts.Quote("plain/path-1.mrc"));
        Assert.Equal("'it'\\''s here'", SlurmScripts.Quote("it's here"));
        Assert.Equal("''", SlurmScripts.Quote(""));
    }

    [Theory]
    [InlineData("1234\n", "1234")]
    [InlineData("77;cluster\n", "77")]
    public void ParsesSbatchJobId(string output, string id) => Assert.Equal(id, SlurmScripts.ParseJobId(output));

    [Fact]
    public void RejectsSbatchOutputWithoutId() => Assert.Throws<FormatException>(() => SlurmScripts.ParseJobId("sbatch: error: invalid partition"));
}
