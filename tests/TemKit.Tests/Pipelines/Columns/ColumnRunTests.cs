using TemKit.Imaging;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Pipelines.Columns;
using TemKit.Simulation.Labels;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.Columns;

[Collection("cli")]
public class ColumnRunTests
{
    /// <summary>A 3-frame stack of dark blobs (frame 1 constant = empty) and its true column list.</summary>
    private static (string Stack, string Truth, List<(double X, double Y)> Points) Write(string dir)
    {
        Directory.CreateDirectory(dir);
        var points = PeakFinderTests.RandomPoints(10, 16, 2.5, seed: 21);
        var frame = PeakFinderTests.Blobs(points, 160, 0.1, 0.4, 0.05, seed: 22, height: -0.4, background: 1);
        var stack = new ImageStack(160, 160, 3, StackKind.ImageStack, new VoxelSize(0.1, 0.1, 0), new ImageMetadata());
        frame.Pixels.CopyTo(stack.Frame(0));
        stack.Frame(1).Fill(1);
        frame.Pixels.CopyTo(stack.Frame(2));
        string path = Path.Combine(dir, "frames.mrc"), truth = Path.Combine(dir, "truth.csv");
        MrcFile.Write(path, stack);
        var columns = points.Select(p => new AtomicColumn(p.X, p.Y, 3, "Au")).ToArray();
        ColumnListCsv.Write(truth, new[] { 0, 1, 2 }.SelectMany(f => ColumnListCsv.Rows(columns, 0.1, f)));
        return (path, truth, points);
    }

    [Fact]
    public void BaselineRunScoresEveryFrameAndReportsTheEmptyOne()
    {
        using var temp = new TempFolder();
        string dir = temp.Root;
        var (stack, truth, points) = Write(dir);
        var detector = new ColumnDetector(new BaselineOptions(FilterSigmaAngstrom: 0.3));
        var result = ColumnRun.Run([stack], Path.Combine(dir, "run"), detector, new ColumnRunOptions(TruthPath: truth));
        Assert.Equal(3, result.Frames.Count);
        Assert.Contains("empty", Assert.Single(result.Errors));
        Assert.Equal(1.0, result.Frames[0].Score!.F1);
        Assert.Equal(points.Count, result.Frames[2].Columns.Length);
        Assert.Equal(2 * points.Count, result.PooledScore!.TruePositives);
        var counts = File.ReadAllLines(Path.Combine(dir, "run", "counts.csv"));
        Assert.Equal("frame,file,file_frame,columns,true_columns,precision,recall,f1,rms_error_angstrom,error", counts[0]);
        Assert.Equal(4, counts.Length);
        Assert.True(File.Exists(Path.Combine(dir, "run", "overlay_0000.png")));
        Assert.False(File.Exists(Path.Combine(dir, "run", "overlay_0001.png")));
        var rows = CsvFiles.Read<DetectedColumnRow>(Path.Combine(dir, "run", "columns.csv"));
        Assert.Equal(2 * points.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(r.XPx * 0.1, r.XAngstrom, 9));
        // Result tables are for people: numbers at 6 significant digits (issue 12), not 17-digit round-trip doubles.
        foreach (string file in new[] { "columns.csv", "counts.csv" })
            foreach (string cell in File.ReadAllLines(Path.Combine(dir, "run", file)).Skip(1).SelectMany(l => l.Split(',')))
                Assert.True(SignificantDigits(cell) <= 6, $"{file}: {cell}");
    }

    /// <summary>Significant digits of a number cell (0 for text): digits of the mantissa without leading zeros.</summary>
    private static int SignificantDigits(string cell)
    {
        if (!double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) return 0;
        string mantissa = cell.Split('E', 'e')[0].TrimStart('-', '+').Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return mantissa.Length;
    }

    [Fact]
    public void CliTracksTwoGoodFramesAndRefusesOne()
    {
        using var temp = new TempFolder();
        string dir = temp.Root;
        var (stack, _, _) = Write(dir);
        // Frames 0 and 2 are identical: no events, no drift; the empty frame 1 makes the exit code 1.
        Assert.Equal(1, TemKit.Cli.Program.Main(["columns", stack, "-o", Path.Combine(dir, "run"), "--track", "--baseline-sigma-angstrom", "0.3"]));
        foreach (var f in new[] { "pairs.csv", "events.csv", "events.svg", "column-count.svg", "strip.png" })
            Assert.True(File.Exists(Path.Combine(dir, "run", f)), f);
        var pairs = File.ReadAllLines(Path.Combine(dir, "run", "pairs.csv"));
        Assert.Equal(2, pairs.Length);
        // from frame 0 to frame 2, drift (x, y) zero up to rounding
        var cells = pairs[1].Split(',');
        Assert.Equal(("0", "2"), (cells[0], cells[1]));
        Assert.All(cells[2..4], c => Assert.True(Math.Abs(double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)) < 1e-9, c));
        Assert.Single(File.ReadAllLines(Path.Combine(dir, "run", "events.csv")));
        // One frame cannot be tracked: a usage error (exit 2).
        var one = new ImageStack(32, 32, 1, StackKind.ImageStack, new VoxelSize(0.1, 0.1, 0), new ImageMetadata());
        one.Frame(0)[5] = 1;
        string single = Path.Combine(dir, "one.mrc");
        MrcFile.Write(single, one);
        Assert.Equal(2, TemKit.Cli.Program.Main(["columns", single, "-o", Path.Combine(dir, "run1"), "--track"]));
        Assert.Equal(2, TemKit.Cli.Program.Main(["columns", single, "-o", Path.Combine(dir, "run2"), "--contrast", "grey"]));
    }

    [Fact]
    public void SummaryCountsAMissingFileAsUnreadable()
    {
        // Found by hand: a missing input printed "0 frame(s) analysed, 0 failed" while the exit code said 1.
        using var temp = new TempFolder();
        string dir = temp.Root;
        var (stack, _, _) = Write(dir);
        var (code, stdout, stderr) = CliRunner.Run("columns", stack, Path.Combine(dir, "missing.mrc"), "-o", Path.Combine(dir, "run"),
            "--baseline-sigma-angstrom", "0.3", "--no-png");
        Assert.Equal(1, code);
        Assert.Contains("2 frame(s) analysed, 1 failed, 1 file(s) unreadable", stdout);
        Assert.Contains("missing.mrc", stderr);
    }

    [Fact]
    public void CliWritesHeightsAndRefusesABadCalibration()
    {
        using var temp = new TempFolder();
        string dir = temp.Root;
        var (stack, truth, points) = Write(dir);
        Assert.Equal(1, TemKit.Cli.Program.Main(["columns", stack, "-o", Path.Combine(dir, "run"), "--baseline-sigma-angstrom", "0.3", "--heights",
            "--height-calibration", "0,0,3", "--truth", truth, "--no-png"]));
        var rows = CsvFiles.Read<DetectedColumnRow>(Path.Combine(dir, "run", "columns.csv"));
        Assert.Equal(2 * points.Count, rows.Count);
        // A calibration of a constant 3 atoms: every column gets 3, the truth's height.
        Assert.All(rows, r => Assert.Equal(3, r.HeightAtoms));
        var result = ColumnRun.Run([stack], Path.Combine(dir, "run2"), new ColumnDetector(new BaselineOptions(FilterSigmaAngstrom: 0.3)),
            new ColumnRunOptions(Overlays: false, TruthPath: truth, Heights: new ColumnHeightCalibration(0, 0, 3)));
        Assert.Equal((2 * points.Count, 2 * points.Count), (result.Heights!.Matched, result.Heights.Exact));
        Assert.Equal(2, TemKit.Cli.Program.Main(["columns", stack, "-o", Path.Combine(dir, "run3"), "--heights", "--height-calibration", "1,x"]));
    }

    [Fact]
    public void EventScoreCountsByHand()
    {
        ColumnEvent[] truth =
        [
            new(0, ColumnEventKind.Disappeared, 5, 5, 0), new(0, ColumnEventKind.Appeared, 9, 5, 0), new(1, ColumnEventKind.Moved, 3, 3, 0.8),
        ];
        ColumnEvent[] found =
        [
            new(0, ColumnEventKind.Disappeared, 5.3, 5, 0),   // right
            new(0, ColumnEventKind.Disappeared, 9, 5, 0),     // wrong kind at the appeared site
            new(0, ColumnEventKind.Moved, 3, 3, 0.7),         // right place, wrong pair
        ];
        var s = EventScore.Of(truth, found, 1.0);
        Assert.Equal((3, 3, 1), (s.TrueEvents, s.DetectedEvents, s.Matched));
        Assert.Equal(1 / 3.0, s.Precision, 12);
        Assert.Equal(1 / 3.0, s.Recall, 12);
    }
}

[Collection("cli")]
public class ColumnModelCliTests
{
    [Fact]
    public void CliRefusesSegmentationModelsAndMismatchedPixelSizes()
    {
        using var temp = new TempFolder();
        string dir = temp.Root;
        Directory.CreateDirectory(dir);
        var image = new TemKit.Imaging.ImageStack(32, 32, 1, TemKit.Imaging.StackKind.ImageStack, new TemKit.Imaging.VoxelSize(0.5, 0.5, 0), new TemKit.Imaging.ImageMetadata());
        image.Frame(0)[7] = 1;
        string stack = Path.Combine(dir, "one.mrc");
        TemKit.IO.Mrc.MrcFile.Write(stack, image);
        string ce = Path.Combine(dir, "ce.tkm"), mse = Path.Combine(dir, "mse.tkm");
        TemKit.Neural.Models.ModelFile.Save(ce, new TemKit.Neural.Models.MsdNet(new TemKit.Neural.Models.MsdNetParameters(Depth: 2, KernelSize: 3)), input: TemKit.Neural.Models.ModelInput.FromPixelSizes([0.15]));
        TemKit.Neural.Models.ModelFile.Save(mse, new TemKit.Neural.Models.MsdNet(new TemKit.Neural.Models.MsdNetParameters(Depth: 2, KernelSize: 3,
            Loss: TemKit.Neural.Losses.LossKind.MeanSquaredError)), input: TemKit.Neural.Models.ModelInput.FromPixelSizes([0.15]));
        // A segmentation (cross-entropy) model is a usage error.
        Assert.Equal(2, TemKit.Cli.Program.Main(["columns", stack, "--model", ce, "-o", Path.Combine(dir, "a")]));
        // 0.5 Å/px against a model trained at 0.15 Å/px: refused per frame (exit 1) or rescaled (exit 0).
        Assert.Equal(1, TemKit.Cli.Program.Main(["columns", stack, "--model", mse, "--pixel-size-mismatch", "refuse", "-o", Path.Combine(dir, "b")]));
        Assert.Contains("refuse", File.ReadAllText(Path.Combine(dir, "b", "counts.csv")));
        Assert.Equal(0, TemKit.Cli.Program.Main(["columns", stack, "--model", mse, "-o", Path.Combine(dir, "c")]));
    }
}
