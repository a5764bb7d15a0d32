using TemKit.Cli.Commands.Defocus;
using TemKit.Cli.Commands.Demo;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Defocus.Report;

namespace TemKit.Tests.Pipelines;

public class DefocusReportTests
{
    [Fact]
    public void BigBatchShowsTheFiftyWorstFitsAndASample()
    {
        var rows = Enumerable.Range(0, 300).Select(i => new DefocusResult
        {
            File = $"/d/{i:D3}.mrc",
            Status = i % 10 == 9 ? DefocusResult.StatusError : DefocusResult.StatusOk,
            FitScore = ((i * 37) % 300) / 300.0,
        }).ToList();
        var chosen = DefocusReport.ChooseImages(rows);
        Assert.Equal(DefocusReport.MaxImageSections, chosen.Count);
        Assert.All(chosen, i => Assert.True(rows[i].IsOk));
        var worst = rows.Select((r, i) => (r, i)).Where(x => x.r.IsOk).OrderBy(x => x.r.FitScore).Take(DefocusReport.WorstShown).Select(x => x.i);
        Assert.Subset(chosen.ToHashSet(), worst.ToHashSet());
        Assert.Equal(chosen.OrderBy(i => i), chosen);
    }

    [Fact]
    public void SmallBatchShowsEveryFittedImage()
    {
        var rows = Enumerable.Range(0, 5).Select(i => new DefocusResult { File = $"/d/{i}.mrc", Status = i == 2 ? DefocusResult.StatusError : DefocusResult.StatusOk, FitScore = 0.5 }).ToList();
        Assert.Equal([0, 1, 3, 4], DefocusReport.ChooseImages(rows));
    }

    [Fact]
    public void FlagsLowScoresAndDefocusOutliers()
    {
        var good = new DefocusResult { File = "a", Status = DefocusResult.StatusOk, FitScore = 0.6 };
        Assert.Null(Outliers.Flag(good, 1.0));
        Assert.Equal("low score", Outliers.Flag(good with { FitScore = 0.05 }, 0));
        Assert.StartsWith("defocus z=", Outliers.Flag(good, -4.2));
        Assert.Equal("error", Outliers.Flag(good with { Status = DefocusResult.StatusError }, double.NaN));
    }

    [Fact]
    public void SummarySaysWhetherScoresCompareAcrossDefocus()
    {
        // A 512 px spectrum at 1 Å/px: a 0.5-2.5 µm search has a common band (10.0-7.7 Å, tested in CtfTrustTests); the
        // default 0.1-5 µm search has none (0.1 µm has no CTF zero), so the scores follow defocus there.
        static DefocusResult Row(double low, double high) => new()
        {
            File = "a", Status = DefocusResult.StatusOk, FitScore = 0.5, SpectrumSizePx = 512, SpectrumPixelSizeAngstrom = 1,
            ScoreBandLowResolutionAngstrom = low, ScoreBandHighResolutionAngstrom = high,
        };
        var narrow = new DefocusRunOptions { MinDefocusAngstrom = 5000, MaxDefocusAngstrom = 25000 };
        string? common = DefocusReport.ScoreBandStatement([Row(10.04, 7.68), Row(10.04, 7.68)], narrow);
        Assert.NotNull(common);
        Assert.StartsWith("Fit scores are on the common band 10.0–7.7 Å of the search range 0.5–2.5 µm", common);
        string? fitted = DefocusReport.ScoreBandStatement([Row(29.7, 2.2)], new DefocusRunOptions());
        Assert.NotNull(fitted);
        Assert.StartsWith("Fit scores are over the fitted range 29.7–2.2 Å", fitted);
        Assert.Contains("--min-defocus-angstrom", fitted);
        // Rows read from an older results.csv (no spectrum size) say nothing.
        Assert.Null(DefocusReport.ScoreBandStatement([new DefocusResult { File = "a", Status = DefocusResult.StatusOk }], narrow));
    }

    [Fact]
    public void CaptionSaysWhereTheRingsAliasOnlyWhenTheyDo()
    {
        Assert.Equal(", rings alias beyond 11.54 Å", DefocusReport.AliasingText(11.5377));
        Assert.Equal("", DefocusReport.AliasingText(double.NaN));
        Assert.Equal(" over 10.0-5.8 Å", DefocusReport.ScoreBandText(new DefocusResult { File = "a", Status = DefocusResult.StatusOk, ScoreBandLowResolutionAngstrom = 10.04, ScoreBandHighResolutionAngstrom = 5.77 }));
        Assert.Equal("", DefocusReport.ScoreBandText(new DefocusResult { File = "a", Status = DefocusResult.StatusOk }));
    }

    [Fact]
    public void DemoStepEstimatesTheSimulatedDefocus()
    {
        string folder = Path.Combine(Path.GetTempPath(), "temkit-defocus-demo-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string summary = new DefocusDemoStep().Run(folder, new DemoOptions(Seed: 5, Quick: true));
            Assert.Contains("3 simulated micrographs, 3 fitted", summary);
            Assert.True(File.Exists(Path.Combine(folder, "run", "report.html")));
            Assert.Contains("rings alias at (Å)", File.ReadAllText(Path.Combine(folder, "run", "report.html")));
            var truth = TemKit.IO.Csv.CsvFiles.ReadTable(Path.Combine(folder, "data", "truth.csv"));
            var results = ResultsTable.Read(Path.Combine(folder, "run", "results.csv"));
            var trueMean = truth.Column("mean_defocus_A").Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            for (int i = 0; i < results.Count; i++)
                Assert.InRange(Math.Abs(results[i].MeanDefocusAngstrom / trueMean[i] - 1), 0, 0.02);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
