using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;

namespace TemKit.Tomography.Interpolation;

/// <summary>What an interpolation model was trained on (stored in its model file).</summary>
/// <param name="Dataset">The tilt-dataset folder.</param>
/// <param name="TrainClusters">Indices of the training clusters.</param>
/// <param name="ValidationClusters">Indices of the validation clusters (never trained on).</param>
/// <param name="Sampling">Gaps, doses, draws per cluster, seed.</param>
/// <param name="PixelSizeAngstrom">Pixel size of the training frames (Å).</param>
/// <param name="ImagePixels">Edge of the training frames (px).</param>
/// <param name="TiltStepDegrees">Tilt step of the training series (degrees).</param>
/// <param name="CropPx">Edge of the random training crops (px).</param>
/// <param name="BatchSize">Crops per optimiser step.</param>
/// <param name="Adam">Optimiser settings.</param>
public sealed record InterpolationTrainingInfo(string Dataset, IReadOnlyList<int> TrainClusters, IReadOnlyList<int> ValidationClusters, InterpolationSampling Sampling,
    double PixelSizeAngstrom, int ImagePixels, double TiltStepDegrees, int CropPx, int BatchSize, AdamParameters Adam)
{
    /// <summary>The normalisation every frame gets, in words.</summary>
    public string Normalisation => "both inputs and the target mapped with the inputs' shared range (mean of the two minima and of the two maxima); target = noise-free middle frame; " +
        "loss = mean squared error of (linear average + correction) against it, each sample weighted by 1 / (linear interpolation's MSE on it + 1e-4)";
}

/// <summary>A trained (or training) interpolation network with its provenance and learning curve.</summary>
/// <param name="Network">The network and weights.</param>
/// <param name="Trained">What it was trained on.</param>
/// <param name="Training">
/// Epochs done, seed, learning curve (<see cref="EpochRecord"/>: training and validation loss relative to linear
/// interpolation, with metrics validation_mse, validation_linear_mse, gain_db and worst_gain_db) and run settings; null
/// for a model never trained.
/// </param>
/// <param name="Optimiser">Adam state for resuming (null in a file without it).</param>
public sealed record InterpolationModel(InterpolationNetwork Network, InterpolationTrainingInfo Trained, TrainingState? Training, Adam? Optimiser)
{
    /// <summary>The learning curve, one record per epoch done (empty for an untrained model).</summary>
    public IReadOnlyList<EpochRecord> History => Training?.History ?? [];
}

/// <summary>Checks that a model suits a series.</summary>
public static class InterpolationModelCheck
{
    /// <summary>Largest relative pixel-size difference accepted between the training frames and a series (5%).</summary>
    public const double PixelSizeTolerance = 0.05;

    /// <summary>
    /// Refuses (<see cref="ArgumentException"/> naming <paramref name="source"/>, both pixel sizes and the fix) a series
    /// whose pixel size differs from the training frames' by more than <see cref="PixelSizeTolerance"/>, or whose frames
    /// are smaller than the network's receptive field. Returns a warning when the series has no pixel size, else null.
    /// </summary>
    public static string? Require(InterpolationModel model, double pixelSizeAngstrom, int widthPx, int heightPx, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        double trained = model.Trained.PixelSizeAngstrom;
        int field = model.Network.Settings.ReceptiveFieldPx / 2;
        if (widthPx < 8 || heightPx < 8) throw new ArgumentException($"{source}: frames of {widthPx}x{heightPx} px are too small for the model (at least 8x8 px)");
        if (model.Network.PredictsFrame && (widthPx != model.Network.Settings.FramePx || heightPx != model.Network.Settings.FramePx))
            throw new ArgumentException($"{source}: frames of {widthPx}x{heightPx} px, but the seed model takes {model.Network.Settings.FramePx}x{model.Network.Settings.FramePx} px only (its dense layers fix the size): use the residual model or resample the stack");
        if (!(pixelSizeAngstrom > 0))
            return $"{source}: no pixel size in the file; the model was trained at {trained:G4} Å/px ({model.Trained.ImagePixels} px frames) — results are only meaningful near that sampling (receptive field {2 * field + 1} px)";
        if (Math.Abs(pixelSizeAngstrom / trained - 1) > PixelSizeTolerance)
            throw new ArgumentException($"{source}: pixel size {pixelSizeAngstrom:G4} Å but the model was trained at {trained:G4} Å/px (more than {PixelSizeTolerance:P0} apart): resample the stack to {trained:G4} Å/px or train a model at this sampling");
        return null;
    }
}
