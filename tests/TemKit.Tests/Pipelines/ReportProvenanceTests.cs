using System.Text.Json;
using Spectre.Console;
using TemKit.Cli.Infrastructure;
using TemKit.Imaging;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Defocus.Report;

namespace TemKit.Tests.Pipelines;

/// <summary>Issue 12, finding 5: reports and logs say how they were made, and what their times are.</summary>
[Collection("cli")]
public class ReportProvenanceTests(DefocusPipelineFixture fixture) : IClassFixture<DefocusPipelineFixture>
{
    [Fact]
    public void RunFolderAndReportRecordVersionCommandLineAndEverySetting()
    {
        var json = JsonDocument.Parse(File.ReadAllText(fixture.Run.ProvenancePath)).RootElement;
        Assert.Equal(TemKit.Reporting.Provenance.Version, json.GetProperty("TemKitVersion").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("CommandLine").GetString()));
        var settings = json.GetProperty("Settings");
        Assert.Equal(256, settings.GetProperty("run").GetProperty("TileSizePx").GetInt32());
        Assert.Equal(256, settings.GetProperty("spectrum").GetProperty("TileSizePx").GetInt32());
        Assert.Equal(100, settings.GetProperty("fit").GetProperty("ExpectedAstigmatismAngstrom").GetDouble());
        string html = File.ReadAllText(fixture.Run.ReportPath);
        Assert.Contains("How this report was made", html);
        Assert.Contains("TemKit " + TemKit.Reporting.Provenance.Version, html);
        Assert.Contains("FitResolutionThreshold", html);
    }

    [Fact]
    public void ResultsCsvNumbersHaveAtMostSixSignificantDigits()
    {
        var lines = File.ReadAllLines(fixture.Run.ResultsPath);
        foreach (string cell in lines.Skip(1).SelectMany(l => l.Split(',')))
        {
            if (!double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) continue;
            string mantissa = cell.Split('E', 'e')[0].TrimStart('-').Replace(".", "").TrimStart('0');
            Assert.True(mantissa.Length <= 6, $"'{cell}' has more than 6 significant digits");
        }
    }

    [Fact]
    public void FileTimesAreLabelledAsSuchAndMetadataTimesAreUsed()
    {
        // The simulated dataset has no acquisition time in its headers: the report must say it plots file times.
        var rows = ResultsTable.Read(fixture.Run.ResultsPath);
        Assert.All(rows, r => Assert.Equal(DefocusResult.AcquiredFromFile, r.AcquiredSource));
        Assert.Contains("file modification time", File.ReadAllText(fixture.Run.ReportPath));
        // An image whose metadata carries the acquisition time: that time, marked as metadata.
        var when = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var analyzer = new DefocusAnalyzer(fixture.Options, null);
        string acquired = DefocusAnalyzer.AcquiredTime(fixture.Files[0], new ImageMetadata { Acquired = when });
        Assert.Equal("2025-03-04T05:06:07Z", acquired);
        using var source = TemKit.IO.ImageFile.Open(fixture.Files[0]);
        var image = source.ReadImage(0);
        var tagged = new Image2D(image.Width, image.Height, image.Pixels.ToArray(), image.PixelSize, image.Metadata with { Acquired = when });
        var part = analyzer.Analyse(fixture.Files[0], tagged, acquired);
        Assert.Equal(DefocusResult.AcquiredFromMetadata, part.Result.AcquiredSource);
    }

    [Fact]
    public void RedirectedProgressPrintsPlainLinesWithoutEscapeCodes()
    {
        // Finding 5: a Slurm log stayed empty until the end. 100 items: one line per 10 %, the last at 100 %.
        var log = new StringWriter();
        var progress = new PlainProgress("defocus", 100, log);
        for (int i = 0; i < 100; i++) progress.Advance();
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.StartsWith("defocus: 10/100 (10 %)", lines[0]);
        Assert.StartsWith("defocus: 100/100 (100 %)", lines[^1]);
        Assert.DoesNotContain('\u001b', log.ToString());
        Assert.DoesNotContain('\r', log.ToString());
    }

    [Fact]
    public void ARedirectedConsoleWritesNoEscapeCodes()
    {
        var log = new StringWriter();
        var console = Console2.Create(log, redirected: true);
        console.MarkupLine("[bold red]done[/] in [green]3 s[/]");
        console.Write(new Table().AddColumn("a").AddRow("1"));
        Assert.Contains("done in 3 s", log.ToString());
        Assert.DoesNotContain('\u001b', log.ToString());
    }
}
