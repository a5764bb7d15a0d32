using TemKit.Neural.Optimisers;

namespace TemKit.Neural.Training;

/// <summary>Training settings.</summary>
/// <param name="Epochs">Total epochs (a resumed run continues up to this number).</param>
/// <param name="BatchSize">Crops per optimiser step.</param>
/// <param name="CropSize">Side of the random square crops (px).</param>
/// <param name="CropsPerImage">Crops drawn from every training image per epoch.</param>
/// <param name="Seed">Seed of crops and augmentation (the run is deterministic given it).</param>
/// <param name="Augment">Apply random flips and 90° rotations.</param>
/// <param name="Optimiser">Adam settings (AMSGrad, lr 1e-3 as in paper 001 SOI A.2).</param>
/// <param name="ClassWeights">Weights of the categorical cross-entropy per class (null = all 1), e.g. to lift a rare class;
/// not part of what a resumed run checks.</param>
public sealed record TrainerParameters(int Epochs = 50, int BatchSize = 4, int CropSize = 256, int CropsPerImage = 1, int Seed = 1, bool Augment = true, AdamParameters? Optimiser = null, IReadOnlyList<float>? ClassWeights = null)
{
    /// <summary>The optimiser settings, defaulted.</summary>
    public AdamParameters Adam => Optimiser ?? new AdamParameters();
}
