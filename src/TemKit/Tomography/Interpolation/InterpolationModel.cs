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

/// <summary>One line of the learning curve (mean squared errors in normalised units, range 1).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainMse">Mean training loss over the epoch (each sample's MSE weighted by 1 / its linear MSE, so 1 = as good as linear).</param>
/// <param name="ValidationMse">Mean squared error of the model on the validation samples.</param>
/// <param name="ValidationLinearMse">Mean squared error of linear interpolation on the same samples.</param>
/// <param name="Seconds">Wall time of the epoch (s).</param>
public sealed record InterpolationEpoch(int Epoch, double TrainMse, double ValidationMse, double ValidationLinearMse, double Seconds)
{
    /// <summary>PSNR gain of the model over linear on the validation samples (dB): 10 log10(linear MSE / model MSE).</summary>
    public double GainDb => 10 * Math.Log10(ValidationLinearMse / ValidationMse);

    /// <summary>Smallest gain over linear among the validation (gap, dose) groups (dB; NaN in files written before it was recorded).</summary>
    public double WorstGainDb { get; init; } = double.NaN;

    /// <summary>The (gap, dose) group of <see cref="WorstGainDb"/>.</summary>
    public string WorstCondition { get; init; } = "";
}

/// <summary>A trained (or training) interpolation network with its provenance and learning curve.</summary>
/// <param name="Network">The network and weights.</param>
/// <param name="Trained">What it was trained on.</param>
/// <param name="History">Learning curve, one line per epoch done.</param>
/// <param name="Optimiser">Adam state for resuming (null in a file without it).</param>
public sealed record InterpolationModel(InterpolationNetwork Network, InterpolationTrainingInfo Trained, IReadOnlyList<InterpolationEpoch> History, Adam? Optimiser);

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
        if (!(pixelSizeAngstrom > 0))
            return $"{source}: no pixel size in the file; the model was trained at {trained:G4} Å/px ({model.Trained.ImagePixels} px frames) — results are only meaningful near that sampling (receptive field {2 * field + 1} px)";
        if (Math.Abs(pixelSizeAngstrom / trained - 1) > PixelSizeTolerance)
            throw new ArgumentException($"{source}: pixel size {pixelSizeAngstrom:G4} Å but the model was trained at {trained:G4} Å/px (more than {PixelSizeTolerance:P0} apart): resample the stack to {trained:G4} Å/px or train a model at this sampling");
        return null;
    }
}
