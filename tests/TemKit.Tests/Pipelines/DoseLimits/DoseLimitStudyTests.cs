using TemKit.Pipelines.DoseLimits;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.DoseLimits;

/// <summary>The study's bookkeeping: variants and datasets as in the paper, refusal of a folder with another study,
/// the Slurm scripts, and the findings read off an evaluation.</summary>
[Collection("cli")]
public class DoseLimitStudyTests
{
    [Fact]
    public void EightVariantsOnSixDatasetsWithTable2DoseRanges()
    {
        var all = DoseLimitStudyVariant.All;
        Assert.Equal(8, all.Count);
        Assert.Equal(["high-mtf1", "high-mtf2", "high-mtf3", "high-mtf4", "high-mtf5", "low-mtf4"], all.Select(v => v.Dataset).Distinct().Order());
        Assert.All(all.Where(v => v.LowDose), v => Assert.Equal((10.0, 1e4), (v.DoseRange.Min, v.DoseRange.Max)));
        Assert.All(all.Where(v => !v.LowDose), v => Assert.Equal((100.0, 1e6), (v.DoseRange.Min, v.DoseRange.Max)));
        Assert.Equal(2, all.Count(v => v.Network == "unet"));
    }

    [Fact]
    public void AFolderHoldingAnotherStudyIsRefused()
    {
        using var dir = new TempFolder();
        _ = new DoseLimitStudy(dir.Root, new DoseLimitStudyParameters(DoseLimitStudyScale.Tiny, 1));
        _ = new DoseLimitStudy(dir.Root, new DoseLimitStudyParameters(DoseLimitStudyScale.Tiny, 1));
        Assert.Throws<InvalidOperationException>(() => new DoseLimitStudy(dir.Root, new DoseLimitStudyParameters(DoseLimitStudyScale.Small, 1)));
    }

    [Fact]
    public void SlurmDryRunWritesDatasetsTrainingArrayAndEvaluation()
    {
        using var dir = new TempFolder();
        var (code, stdout, stderr) = CliRunner.Run("study", "dose-limits", "-o", dir["run"], "--scale", "tiny", "--slurm", "--dry-run");
        Assert.True(code == 0, stderr);
        Assert.Contains("train.sbatch", stdout);
        string train = File.ReadAllText(Path.Combine(dir["run"], "slurm", "train.sbatch"));
        Assert.Contains("#SBATCH --array=0-7", train);
        Assert.Contains("--steps train --shard \"${SLURM_ARRAY_TASK_ID}/8\"", train);
        Assert.Contains("--steps evaluate,report", File.ReadAllText(Path.Combine(dir["run"], "slurm", "evaluate.sbatch")));
        Assert.Contains("#SBATCH --array=0-0", File.ReadAllText(Path.Combine(dir["run"], "slurm", "datasets.sbatch")));
    }

    [Fact]
    public void FindingsCompareTheNamedModels()
    {
        // Rows at 20, 50, 80 and 300 e/Å²; the dose-range finding averages the area fraction over 40-100 e/Å².
        static DoseLimitRow[] Rows(params double[] fractions) =>
            [.. new[] { 20.0, 50, 80, 300 }.Select((d, i) => new DoseLimitRow { DoseElectronsPerAngstrom2 = d, AreaFraction = fractions[i], AreaPx = (long)(100 * fractions[i]), TargetPx = 100 })];
        static DoseLimitModelResult Model(string name, double? d50, double lowF1, double highF1, DoseLimitRow[]? rows = null) =>
            new(name, rows ?? [], new DoseLimitMeasures(d50, 200, 90, 110), true, highF1, lowF1, highF1);
        var result = new DoseLimitResult(
            [Model("msd-high-mtf4", 30, 0.6, 0.95, Rows(0.1, 0.4, 0.6, 1)), Model("unet-high-mtf4", 100, 0.2, 0.9), Model("msd-high-mtf3", 40, 0.5, 0.92),
             Model("msd-low-mtf4", 25, 0.7, 0.9, Rows(0.9, 0.6, 0.9, 1))],
            0.2, 200, 90, 110, [], [], new DoseLimitOptions());
        var findings = DoseLimitStudy.Findings(result);
        // Against the last frame (area 100 px at 300 e/Å²) the fractions are 0.1, 0.4, 0.6, 1; the 9-frame running
        // median, shortened at the ends, is 0.5 everywhere: 50 % from the first frame on, never within 10 % of 1.
        Assert.Equal("50 % dose 30 e/Å², convergence dose 200 e/Å² (exact masks); against the last frame's segmentation (the paper's target on its experimental series): 50 % dose 20 e/Å², convergence dose not reached", findings[0].Measured);
        Assert.Equal("MSD-net 70 % lower (30 vs 100 e/Å²)", findings[1].Measured);
        // low: (0.6 + 0.9) / 2 = 0.75, high: (0.4 + 0.6) / 2 = 0.5, +50 %.
        Assert.Equal("segmented fraction of the particle at 40-100 e/Å²: low range 0.75, high range 0.50 (+50 %); 50 % dose low 25 e/Å², high 30 e/Å²", findings[2].Measured);
        Assert.Equal("MTF 4: 0.600, MTF 3: 0.500", findings[3].Measured);
        Assert.Equal("msd-high-mtf4: mean F1 0.950", findings[4].Measured);

        var status = DoseLimitStudyVariant.All.Select(v => new DoseLimitVariantStatus(v, v.Name == "unet-high-mtf4" ? 5 : 20, 20)).ToList();
        var annotated = DoseLimitStudy.Findings(result, status);
        Assert.Equal(findings[0].Measured, annotated[0].Measured);
        Assert.Equal("MSD-net 70 % lower (30 vs 100 e/Å²) [unet-high-mtf4 partly trained (5 of 20 epochs)]", annotated[1].Measured);
    }
}
