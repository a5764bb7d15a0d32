using TemKit.Neural.Models;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>How far one variant of the study has been trained.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="EpochsDone">Epochs its model file records as finished (0: no model yet).</param>
/// <param name="EpochsPlanned">Epochs the scale asks for.</param>
public sealed record DoseLimitVariantStatus(DoseLimitStudyVariant Variant, int EpochsDone, int EpochsPlanned)
{
    /// <summary>Whether every planned epoch is done.</summary>
    public bool Finished => EpochsDone >= EpochsPlanned;

    /// <summary>"not trained", "partly trained (5 of 20 epochs)" or "finished (20 epochs)".</summary>
    public string Description => EpochsDone == 0 ? "not trained" : Finished ? $"finished ({EpochsDone} epochs)" : $"partly trained ({EpochsDone} of {EpochsPlanned} epochs)";
}

public sealed partial class DoseLimitStudy
{
    /// <summary>Every variant with the epochs its model file holds (a model file without a training record counts as
    /// finished).</summary>
    public IReadOnlyList<DoseLimitVariantStatus> VariantStatus()
    {
        int planned = Parameters.Settings.TrainingEpochs;
        return DoseLimitStudyVariant.All.Select(v =>
        {
            string path = ModelPath(v);
            int done = File.Exists(path) ? ModelFile.Load(path).Training?.EpochsDone ?? planned : 0;
            return new DoseLimitVariantStatus(v, done, planned);
        }).ToList();
    }
}
