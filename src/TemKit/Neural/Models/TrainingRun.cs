using System.Globalization;

namespace TemKit.Neural.Models;

/// <summary>
/// What a training run was started with, stored in every checkpoint so that a resume can refuse to continue the run
/// on other data or with other settings (which would silently change what the model means). The number of epochs is
/// deliberately not part of it: extending a run is what resuming is for.
/// </summary>
/// <param name="DataFingerprint">Hash of the image and label pixels, in order (see <see cref="TemKit.Neural.Training.SegmentationDataset.Fingerprint"/>).</param>
/// <param name="Samples">Number of image/mask pairs.</param>
/// <param name="ValidationFraction">Fraction of the pairs held out for validation.</param>
/// <param name="CropSize">Side of the training crops (px).</param>
/// <param name="BatchSize">Crops per optimiser step.</param>
/// <param name="CropsPerImage">Crops drawn from each training image per epoch.</param>
/// <param name="Augment">Random flips and 90° rotations.</param>
/// <param name="LearningRate">Adam learning rate.</param>
public sealed record TrainingRun(string DataFingerprint, int Samples, double ValidationFraction, int CropSize, int BatchSize, int CropsPerImage, bool Augment, double LearningRate)
{
    /// <summary>The settings that differ between the stored run and <paramref name="requested"/>, as "name stored → requested"
    /// (empty when the run may be resumed).</summary>
    public IReadOnlyList<string> Differences(TrainingRun requested)
    {
        var list = new List<string>();
        void Check<T>(string name, T stored, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(stored, now))
                list.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {stored} → {now}"));
        }
        Check("data (image/mask pixels)", DataFingerprint, requested.DataFingerprint);
        Check("image/mask pairs", Samples, requested.Samples);
        Check("--val-fraction", ValidationFraction, requested.ValidationFraction);
        Check("--crop", CropSize, requested.CropSize);
        Check("--batch", BatchSize, requested.BatchSize);
        Check("--crops-per-image", CropsPerImage, requested.CropsPerImage);
        Check("augmentation", Augment, requested.Augment);
        Check("--lr", LearningRate, requested.LearningRate);
        return list;
    }
}
