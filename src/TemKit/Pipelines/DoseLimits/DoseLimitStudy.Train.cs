using TemKit.IO;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Pipelines.Training;

namespace TemKit.Pipelines.DoseLimits;

public sealed partial class DoseLimitStudy
{
    /// <summary>The network settings of <paramref name="variant"/> at this scale (seeded with the study's seed).</summary>
    public object NetworkFor(DoseLimitStudyVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var s = Parameters.Settings;
        return variant.Network == "unet" ? s.UNet with { Seed = Parameters.Seed } : s.Msd with { Seed = Parameters.Seed };
    }

    /// <summary>The trainer settings at this scale: the scale's epochs and crop, batch 4, the study's seed, augmentation,
    /// Adam (AMSGrad, lr 10⁻³) as SOI A.2.</summary>
    public TrainerParameters TrainerSettings => new(Parameters.Settings.TrainingEpochs, BatchSize: 4, CropSize: Parameters.Settings.CropPx, Seed: Parameters.Seed);

    /// <summary>
    /// Trains <paramref name="variant"/> on its dataset with <see cref="TrainingJob"/> unless its model file already holds
    /// every epoch; a partly trained file is resumed. Returns whether any epoch was trained now.
    /// </summary>
    public bool EnsureModel(DoseLimitStudyVariant variant, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(variant);
        string path = ModelPath(variant);
        bool exists = File.Exists(path);
        if (exists && ModelFile.Load(path).Training is { } state && state.EpochsDone >= TrainerSettings.Epochs) return false;
        EnsureDataset(variant, progress);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var held = RunFolderLock.Beside(path);
        string dataset = DatasetFolder(variant.Dataset);
        var samples = SegmentationDataset.Load(Path.Combine(dataset, "images.mrc"), Path.Combine(dataset, "masks.mrc"), 1);
        var job = new TrainingJob(new TrainingJobParameters(path, samples, NetworkFor(variant), TrainerSettings, 0.1, Resume: exists,
            new ModelOutput(["particle"], $"dose-limit study {Parameters.Scale}: {variant.Name} ({variant.Dataset}, {variant.DoseRange} e/Å²)")))
        {
            Note = Notice,
        };
        job.Run(progress);
        return true;
    }
}
