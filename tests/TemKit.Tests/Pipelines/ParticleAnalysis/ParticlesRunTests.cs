using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

public class ParticlesRunTests
{
    private const int Size = ParticleTestSeries.Size;

    [Fact]
    public void CountsMeasuresTracksFiltersAndResumes()
    {
        using var dir = new TempFolder();
        var (images, masks) = ParticleTestSeries.Write(dir.Root);
        var options = new ParticlesRunOptions { FilterRatio = 5, ReportFrames = 2 };
        ParticlesRunResult result;
        using (var detector = new MaskStackDetector([masks]))
            result = new ParticlesRun(dir["run"], detector, options).Run([images]);
        Assert.True(result.Finished);
        Assert.Equal(3, result.Processed);
        Assert.Equal([2, 2, 1], result.Frames.Select(f => f.Particles.Count));
        // Areas against the discs' pixel counts (π r² for r = 55 and 45 px at 0.0004 nm²/px).
        var first = result.Frames[0].Particles.OrderBy(p => p.CentroidXPx).ToList();
        Assert.Equal(LatticeImages.Disc(Size, 55, 70, 80).Sum(), first[0].AreaPx);
        Assert.Equal(Math.PI * 55 * 55 * 0.0004, first[0].AreaNm2, 0.01 * first[0].AreaNm2);
        Assert.Equal(2 * 45 * 0.02, first[1].EquivalentDiameterNm, 0.01);
        // Tracking: A keeps id 1 in frames 0-1 and disappears; B keeps id 2 through the drift.
        Assert.Equal(2, result.Tracks.Count);
        Assert.All(result.Frames, f => Assert.Contains(f.Particles, p => p.Track == 2 && p.CentroidXPx > 150));
        Assert.Equal(new ParticleTrack(1, 0, 1, 2, true), result.Tracks[0]);
        Assert.Equal(new ParticleTrack(2, 0, 2, 3, false), result.Tracks[1]);
        // A is on the [110] zone (small ratio); B shows one set of fringes (large ratio): frames 0-1 kept, 2 rejected.
        var a = result.Frames[0].Particles.Single(p => p.Track == 1);
        var b = result.Frames[0].Particles.Single(p => p.Track == 2);
        Assert.Equal("[110]", a.Zone);
        Assert.True(a.Ratio <= 5 && b.Ratio > 5, $"ratios A {a.Ratio}, B {b.Ratio}");
        Assert.Equal([true, true, false], result.Frames.Select(f => f.Kept));
        Assert.StartsWith("ratio", result.Frames[2].Reason);
        var kept = MrcFile.Read(Path.Combine(dir["run"], "select", "kept.mrc"));
        Assert.Equal(2, kept.Nz);
        using (var source = ImageFile.Open(images))
        {
            var frame1 = new float[Size * Size];
            source.ReadFrame(1, frame1);
            Assert.Equal(frame1, kept.Data.Slice(Size * Size, Size * Size).ToArray());
        }
        var table = CsvFiles.ReadTable(Path.Combine(dir["run"], "particles.csv"));
        Assert.Equal(5, table.Rows.Count);
        Assert.Equal(["true", "true", "false"], CsvFiles.ReadTable(Path.Combine(dir["run"], "frames.csv")).Column("kept"));
        Assert.True(File.Exists(Path.Combine(dir["run"], "report.html")));
        Assert.True(File.Exists(Path.Combine(dir["run"], "figures", "frame-000002.ratio-map.png")));
        string before = File.ReadAllText(Path.Combine(dir["run"], "particles.csv"));

        // Resume: nothing is analysed again and the outputs are the same.
        using (var detector = new MaskStackDetector([masks]))
        {
            var again = new ParticlesRun(dir["run"], detector, options).Run([images]);
            Assert.Equal(0, again.Processed);
            Assert.Equal(3, again.Skipped);
        }
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir["run"], "particles.csv")));

        // Other options in the same folder are refused.
        using (var detector = new MaskStackDetector([masks]))
        {
            var e = Assert.Throws<InvalidOperationException>(() => new ParticlesRun(dir["run"], detector, options with { FilterRatio = 2 }).Run([images]));
            Assert.Contains("other options", e.Message);
        }
    }

    [Fact]
    public void ShardsThenAMergeOrAPlainRunFinish()
    {
        using var dir = new TempFolder();
        var (images, masks) = ParticleTestSeries.Write(dir.Root);
        var options = new ParticlesRunOptions { FilterRatio = 5, ReportFrames = 0 };
        using var detector = new MaskStackDetector([masks]);
        var one = new ParticlesRun(dir["run"], detector, options) { Shard = (0, 2) }.Run([images]);
        Assert.Throws<InvalidOperationException>(() => ParticlesRun.Merge(dir["run"]));
        var two = new ParticlesRun(dir["run"], detector, options) { Shard = (1, 2) }.Run([images]);
        Assert.False(one.Finished);
        Assert.Equal(2, one.Processed);   // frames 0 and 2
        Assert.Equal(1, two.Processed);   // frame 1
        Assert.False(File.Exists(Path.Combine(dir["run"], "particles.csv")));
        // The merge needs no detector: options and inputs come from the folder.
        var merged = ParticlesRun.Merge(dir["run"]);
        Assert.True(merged.Finished);
        Assert.Equal([2, 2, 1], merged.Frames.Select(f => f.Particles.Count));
        Assert.Equal(2, merged.Tracks.Count);
        string table = File.ReadAllText(Path.Combine(dir["run"], "particles.csv"));
        var plain = new ParticlesRun(dir["run"], detector, options).Run([images]);
        Assert.True(plain.Finished);
        Assert.Equal(0, plain.Processed);
        Assert.Equal(table, File.ReadAllText(Path.Combine(dir["run"], "particles.csv")));
        // Other inputs in the same folder are refused.
        var e = Assert.Throws<InvalidOperationException>(() => new ParticlesRun(dir["run"], detector, options).Run([images, masks]));
        Assert.Contains("other inputs", e.Message);
    }

    [Fact]
    public void AKilledRunResumesWithTheFramesItHadNotFinished()
    {
        using var dir = new TempFolder();
        var (images, masks) = ParticleTestSeries.Write(dir.Root);
        var options = new ParticlesRunOptions { FilterRatio = 5, ReportFrames = 0 };
        using var detector = new MaskStackDetector([masks]);
        var whole = new ParticlesRun(dir["whole"], detector, options).Run([images]);
        // "Kill" the run right after the first frame's part is written.
        var killed = new ParticlesRun(dir["run"], detector, options) { FrameDone = _ => throw new OperationCanceledException("killed") };
        Assert.Throws<OperationCanceledException>(() => killed.Run([images]));
        Assert.Single(Directory.GetFiles(Path.Combine(dir["run"], "parts")));
        var resumed = new ParticlesRun(dir["run"], detector, options).Run([images]);
        Assert.Equal(1, resumed.Skipped);
        Assert.Equal(2, resumed.Processed);
        Assert.Equal(File.ReadAllText(Path.Combine(dir["whole"], "particles.csv")), File.ReadAllText(Path.Combine(dir["run"], "particles.csv")));
        Assert.Equal(whole.Tracks, resumed.Tracks);
    }
}
