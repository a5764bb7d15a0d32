namespace TemKit.Pipelines.DoseLimits;

/// <summary>What one <see cref="DoseLimitStudy.Run"/> did.</summary>
/// <param name="Made">Datasets, series and models made now.</param>
/// <param name="Reused">Those found finished and reused.</param>
/// <param name="Evaluation">The evaluation, when the evaluate step ran and a model existed.</param>
public sealed record DoseLimitStudyOutcome(IReadOnlyList<string> Made, IReadOnlyList<string> Reused, DoseLimitRunResult? Evaluation);

public sealed partial class DoseLimitStudy
{
    /// <summary>
    /// Runs <paramref name="steps"/> for the variants of shard <paramref name="shardIndex"/> of <paramref name="shardCount"/>
    /// (variant k belongs to shard k mod count; the evaluation and report always take every trained model). Finished
    /// outputs are reused.
    /// </summary>
    public DoseLimitStudyOutcome Run(IReadOnlyCollection<DoseLimitStudyStep> steps, int shardIndex = 0, int shardCount = 1, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) throw new ArgumentOutOfRangeException(nameof(shardIndex), shardIndex, $"shard must be 0..{shardCount - 1}");
        var variants = DoseLimitStudyVariant.All.Where((_, k) => k % shardCount == shardIndex).ToList();
        var made = new List<string>();
        var reused = new List<string>();
        void Note(bool now, string what) => (now ? made : reused).Add(what);
        if (steps.Contains(DoseLimitStudyStep.Datasets))
        {
            foreach (var v in variants.DistinctBy(v => v.Dataset)) Note(EnsureDataset(v, progress), $"dataset {v.Dataset}");
            if (shardIndex == 0) Note(EnsureSeries(progress), "series");
        }
        if (steps.Contains(DoseLimitStudyStep.Train))
            foreach (var v in variants) Note(EnsureModel(v, progress), $"model {v.Name}");
        DoseLimitRunResult? evaluation = null;
        if (steps.Contains(DoseLimitStudyStep.Evaluate) || steps.Contains(DoseLimitStudyStep.Report))
        {
            EnsureSeries(progress);
            evaluation = Evaluate(progress);
            if (evaluation is not null && steps.Contains(DoseLimitStudyStep.Report)) WriteReport(evaluation.Analysis);
        }
        return new DoseLimitStudyOutcome(made, reused, evaluation);
    }
}
