using TemKit.Optics;
using TemKit.Cli;
using TemKit.Pipelines.Defocus;

namespace TemKit.Tests.Pipelines;

[Collection("cli")]
public class DefocusPipelineTests(DefocusPipelineFixture fixture) : IClassFixture<DefocusPipelineFixture>
{
    [Fact]
    public void SingleRunFitsEveryImageCloseToTheTrueDefocus()
    {
        Assert.Equal(new RunSummary(4, 0, 4, 0), fixture.Summary);
        var rows = ResultsTable.Read(fixture.Run.ResultsPath);
        Assert.Equal(fixture.Files, rows.Select(r => r.File));
        foreach (var (row, truth) in rows.Zip(fixture.Truths))
        {
            Assert.Equal(DefocusResult.StatusOk, row.Status);
            Assert.InRange(Math.Abs(row.MeanDefocusAngstrom - truth.MeanDefocusAngstrom) / truth.MeanDefocusAngstrom, 0, 0.02);
            Assert.True(row.SecondPeakPx > 0 && row.SecondPeakInverseAngstrom > 0);
            // second_peak_inv_A is the radius in spectrum px times the frequency step 1/(size · pixel).
            // (results.csv keeps 6 significant digits.)
            Assert.InRange(Math.Abs(row.SecondPeakPx / (row.SpectrumSizePx * row.SpectrumPixelSizeAngstrom) / row.SecondPeakInverseAngstrom - 1), 0, 1e-5);
            Assert.Equal(File.GetLastWriteTimeUtc(truth.File).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), row.Acquired);
        }
        Assert.True(File.Exists(fixture.Run.ReportPath));
    }

    [Fact]
    public void RelionStarPointsEveryMicrographAtItsDiagnosticImage()
    {
        var lines = File.ReadAllLines(fixture.Run.RelionStarPath);
        int block = Array.IndexOf(lines, "data_micrographs");
        var labels = lines.Skip(block).Where(l => l.StartsWith('_')).Select(l => l.Split(' ')[0][1..]).ToList();
        var rows = lines.Skip(block).Where(l => l.Length > 0 && !l.StartsWith('_') && !l.StartsWith("loop_", StringComparison.Ordinal)
            && !l.StartsWith("data_", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(l)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(2, labels.IndexOf("rlnCtfImage"));
        Assert.Equal(fixture.Files, rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            using var diagnostic = TemKit.IO.ImageFile.Open(row[2]);
            Assert.Equal(diagnostic.Width, diagnostic.Height);
        }
    }

    [Fact]
    public void JuncturesRoundTripThePartsExactly()
    {
        var store = new PartStore(fixture.Run.PartsFolder);
        var profiles = Junctures.ReadProfiles(fixture.Run.Juncture("profiles"));
        var smoothed = Junctures.ReadSmoothed(fixture.Run.Juncture("smoothed"));
        var peaks = Junctures.ReadPeaks(fixture.Run.Juncture("peaks"));
        var fits = Junctures.ReadFits(fixture.Run.Juncture("fits"));
        foreach (string file in fixture.Files)
        {
            var part = store.TryLoad(file)!;
            Assert.Equal(part.Profile!.Value, profiles[file].Value);
            Assert.Equal(part.Profile.FrequencyInverseAngstrom, profiles[file].FrequencyInverseAngstrom);
            Assert.Equal(part.Smoothed!.Signal, smoothed[file].Signal);
            Assert.Equal(part.Smoothed.Background, smoothed[file].Background);
            Assert.Equal(part.Peaks, peaks[file]);
            Assert.Equal(part.Fit!.ModelCtfSquared, fits[file].ModelCtfSquared);
            Assert.Contains(part.Peaks, p => p.Kind == "min");
        }
        // results.csv holds the parts' rows (at its 6 significant digits).
        string again = Path.Combine(fixture.Root, "results-again.csv");
        ResultsTable.Write(again, fixture.Files.Select(f => store.TryLoad(f)!.Result));
        Assert.Equal(File.ReadAllText(fixture.Run.ResultsPath), File.ReadAllText(again));
    }

    [Theory]
    [InlineData("profiles")]
    [InlineData("smoothed")]
    [InlineData("peaks")]
    public void RecomputeFromAJunctureReproducesTheOriginalFiles(string stage)
    {
        var copy = fixture.CopyRun("from-" + stage);
        // Without images: move the data away so any read would fail.
        int errors = DefocusRun.Recompute(copy.Root, stage, fixture.Options);
        Assert.Equal(0, errors);
        foreach (string f in new[] { "results.csv", "junctures/smoothed.csv", "junctures/peaks.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(fixture.Run.Root, f)), File.ReadAllBytes(Path.Combine(copy.Root, f)));
    }

    [Fact]
    public void RecomputeWithAnotherProminenceChangesOnlyThePeakStages()
    {
        var copy = fixture.CopyRun("from-smoothed-strict");
        DefocusRun.Recompute(copy.Root, "smoothed", fixture.Options with { MinRelativeProminence = 0.9 });
        var before = Junctures.ReadPeaks(fixture.Run.Juncture("peaks"));
        var after = Junctures.ReadPeaks(copy.Juncture("peaks"));
        Assert.True(after.Values.Sum(p => p.Count) < before.Values.Sum(p => p.Count));
        var rows = ResultsTable.Read(copy.ResultsPath);
        var original = ResultsTable.Read(fixture.Run.ResultsPath);
        Assert.Equal(original.Select(r => r.Defocus1Angstrom), rows.Select(r => r.Defocus1Angstrom));
        Assert.Equal(File.ReadAllBytes(fixture.Run.Juncture("smoothed")), File.ReadAllBytes(copy.Juncture("smoothed")));
    }

    [Fact]
    public void ResumeSkipsDoneImagesWithoutReadingThem()
    {
        var copy = fixture.CopyRun("resume");
        // As if the run had been killed while the last image was in flight: its part is missing.
        var store = new PartStore(copy.PartsFolder);
        File.Delete(store.PathOf(fixture.Files[3]));
        int reads = 0;
        var run = new DefocusRun(copy, fixture.Options, threads: 2) { ImageDone = () => Interlocked.Increment(ref reads) };
        var summary = run.Run(fixture.Files);
        Assert.Equal(new RunSummary(4, 3, 1, 0), summary);
        Assert.Equal(1, reads);
        CsvAssert.Equivalent(fixture.Run.ResultsPath, copy.ResultsPath);
        var again = new DefocusRun(copy, fixture.Options, threads: 2).Run(fixture.Files);
        Assert.Equal(new RunSummary(4, 4, 0, 0), again);
    }

    [Fact]
    public void ResumedRunDoesNotReadFinishedFiles()
    {
        string data = Path.Combine(fixture.Root, "unreadable");
        Directory.CreateDirectory(data);
        var files = fixture.Files.Take(2).Select(f => { string c = Path.Combine(data, Path.GetFileName(f)); File.Copy(f, c); return c; }).ToList();
        var folder = RunFolder.At(Path.Combine(fixture.Root, "unreadable-run"));
        Assert.Equal(0, new DefocusRun(folder, fixture.Options, 1).Run(files).Failed);
        File.WriteAllText(files[0], "no longer an MRC file");
        var summary = new DefocusRun(folder, fixture.Options, 1).Run(files);
        Assert.Equal(new RunSummary(2, 2, 0, 0), summary);
    }

    [Fact]
    public void RunInAFolderMadeWithOtherOptionsIsRefused()
    {
        var copy = fixture.CopyRun("other-options");
        Assert.Throws<InvalidOperationException>(() => new DefocusRun(copy, fixture.Options with { Optics = new ElectronOptics(200) }, 1).Run(fixture.Files));
    }

    [Fact]
    public void BadFilesBecomeErrorRowsAndTheCliExitsWithOne()
    {
        string dir = Path.Combine(fixture.Root, "bad");
        Directory.CreateDirectory(dir);
        string good = Path.Combine(dir, "good.mrc");
        File.Copy(fixture.Files[0], good);
        string garbage = Path.Combine(dir, "garbage.mrc");
        File.WriteAllText(garbage, "not an image");
        string truncated = Path.Combine(dir, "truncated.mrc");
        File.WriteAllBytes(truncated, File.ReadAllBytes(fixture.Files[1]).AsSpan(0, 1024 + 5000).ToArray());
        string run = Path.Combine(fixture.Root, "bad-run");
        int code = Program.Main(["defocus", dir, "-o", run, "--tile-size", "256", "--threads", "2"]);
        Assert.Equal(1, code);
        var rows = ResultsTable.Read(Path.Combine(run, "results.csv")).ToDictionary(r => Path.GetFileName(r.File));
        Assert.Equal(3, rows.Count);
        Assert.Equal(DefocusResult.StatusOk, rows["good.mrc"].Status);
        double expected = ResultsTable.Read(fixture.Run.ResultsPath)[0].Defocus1Angstrom;
        Assert.Equal(expected, rows["good.mrc"].Defocus1Angstrom, expected * 1e-3);
        foreach (string bad in new[] { "garbage.mrc", "truncated.mrc" })
        {
            Assert.Equal(DefocusResult.StatusError, rows[bad].Status);
            Assert.Contains(bad, rows[bad].Error);
            Assert.DoesNotContain('\n', rows[bad].Error);
            Assert.True(double.IsNaN(rows[bad].Defocus1Angstrom));
        }
    }

    [Fact]
    public void MergedShardsEqualTheSingleRun()
    {
        string root = Path.Combine(fixture.Root, "sharded");
        for (int k = 0; k < 3; k++)
        {
            var slice = Shards.Slice(fixture.Files, k, 3);
            var folder = RunFolder.Shard(root, k);
            folder.SaveManifest(new ShardManifest(k, 3, slice));
            new DefocusRun(folder, fixture.Options, 1) { WriteReport = false }.Run(slice);
        }
        var summary = DefocusRun.Merge(root);
        Assert.Equal(new DefocusRun.MergeSummary(3, 4, 0), summary);
        // Same rows and files; numbers equal up to the FFTW alignment effect described in CsvAssert.
        foreach (string f in new[] { "results.csv", "junctures/profiles.csv", "junctures/smoothed.csv" })
            CsvAssert.Equivalent(Path.Combine(fixture.Run.Root, f), Path.Combine(root, f));
        // The fitted CTF² lies in 0..1: compare it on that scale.
        CsvAssert.Equivalent(fixture.Run.Juncture("fits"), Path.Combine(root, "junctures/fits.csv"), absolute: 1e-2);
        Assert.True(File.Exists(Path.Combine(root, "report.html")));
    }

    [Fact]
    public void MergeReportsAShardThatNeverStarted()
    {
        string root = Path.Combine(fixture.Root, "sharded-missing");
        var folder = RunFolder.Shard(root, 0);
        folder.SaveManifest(new ShardManifest(0, 2, Shards.Slice(fixture.Files, 0, 2)));
        folder.SaveOptions(fixture.Options);
        var e = Assert.Throws<InvalidOperationException>(() => DefocusRun.Merge(root));
        Assert.Contains("shards 1 of 2 never started", e.Message);
    }
}
