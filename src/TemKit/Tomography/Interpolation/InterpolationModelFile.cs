using System.Text.Json;
using System.Text.Json.Nodes;
using TemKit.IO;
using TemKit.Neural.Models;

namespace TemKit.Tomography.Interpolation;

/// <summary>
/// Interpolation model files: the TemKit model container (<see cref="ModelContainer"/>, docs/model-format.md) with
/// format "temkit-interpolation-model": the network kind and settings, what it was trained on (dataset, clusters, gaps,
/// doses, pixel size, image size, normalisation), and the container's shared tensor table, optimiser block and training
/// block (the learning curve). Version 2 files (the learning curve in an own "history" list, Adam settings inside
/// "trained") are still read.
/// </summary>
public static class InterpolationModelFile
{
    /// <summary>The header's format field.</summary>
    public const string Format = "temkit-interpolation-model";

    /// <summary>Header version (3: the shared optimiser and training blocks, the architecture in the settings).</summary>
    public const int Version = 3;

    /// <summary>Oldest header version still read.</summary>
    public const int OldestReadableVersion = 2;

    /// <summary>The header's network field for each architecture.</summary>
    public static string NetworkKind(InterpolationArchitecture architecture) => architecture == InterpolationArchitecture.Seed ? "seed-conv-dense" : "residual-fcn";

    /// <summary>Writes <paramref name="model"/> atomically (with the Adam state and learning curve when it has them).</summary>
    public static void Save(string path, InterpolationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var network = model.Network;
        var header = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["network"] = NetworkKind(network.Settings.Architecture),
            ["settings"] = JsonSerializer.SerializeToNode(network.Settings, ModelContainer.Json),
            ["input"] = "channels: frame before, frame after (both mapped with their shared range: mean of the two minima and of the two maxima), half-gap (degrees) / 4",
            ["output"] = network.PredictsFrame ? "the frame half-way (normalised units), reshaped from the last dense layer" : "correction added to (before + after)/2, normalised units",
            ["trained"] = JsonSerializer.SerializeToNode(model.Trained, ModelContainer.Json),
        };
        ModelContainer.Write(path, header, network.Parameters, model.Optimiser, model.Training);
    }

    /// <summary>Reads a model file (version 2 or 3); throws <see cref="TemKitFormatException"/> naming the field at fault.</summary>
    public static InterpolationModel Load(string path)
    {
        using var file = ModelContainer.Open(path);
        var header = file.Header;
        if ((string?)header["format"] != Format)
            throw new TemKitFormatException(path, $"header field 'format' is '{(string?)header["format"]}', not {Format} (a segmentation model cannot interpolate frames)");
        int version = header["version"] is JsonValue v && v.TryGetValue(out int n) ? n : -1;
        if (version < OldestReadableVersion || version > Version)
            throw new TemKitFormatException(path, $"header field 'version' is {version}; this TemKit reads versions {OldestReadableVersion}-{Version} (version 1 models normalised each frame on its own: retrain with temkit tomo train-interpolation)");
        InterpolationNetwork network;
        InterpolationTrainingInfo trained;
        try
        {
            network = new InterpolationNetwork(header["settings"].Deserialize<InterpolationNetworkParameters>(ModelContainer.Json) ?? throw new JsonException("settings missing"));
            trained = header["trained"].Deserialize<InterpolationTrainingInfo>(ModelContainer.Json) ?? throw new JsonException("trained missing");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
        {
            throw new TemKitFormatException(path, $"header fields 'settings'/'trained' are invalid ({e.Message})", e);
        }
        if ((string?)header["network"] != NetworkKind(network.Settings.Architecture))
            throw new TemKitFormatException(path, $"header field 'network' is '{(string?)header["network"]}' but the settings describe {NetworkKind(network.Settings.Architecture)}");
        file.ReadParameters(network.Parameters);
        var adam = file.ReadOptimiser(network.Parameters, trained.Adam);
        var training = version == 2 ? Version2History(path, header, trained) : file.ReadTraining();
        return new InterpolationModel(network, trained, training, adam);
    }

    /// <summary>A version 2 learning curve ("history": train_mse, validation_mse, validation_linear_mse, worst_gain_db, seconds) as the shared training block.</summary>
    private static TrainingState? Version2History(string path, JsonObject header, InterpolationTrainingInfo trained)
    {
        List<Version2Epoch> epochs;
        try
        {
            epochs = header["history"].Deserialize<List<Version2Epoch>>(ModelContainer.Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new TemKitFormatException(path, $"header field 'history' is invalid ({e.Message})", e);
        }
        if (epochs.Count == 0) return null;
        var history = epochs.Select(e => new EpochRecord(e.Epoch, e.TrainMse, e.ValidationMse / e.ValidationLinearMse, double.NaN, e.Seconds)
        {
            Metrics = InterpolationMetrics.Of(e.ValidationMse, e.ValidationLinearMse, e.WorstGainDb),
        }).ToArray();
        return new TrainingState(history.Length, trained.Sampling.Seed, history);
    }

    private sealed record Version2Epoch(int Epoch, double TrainMse, double ValidationMse, double ValidationLinearMse, double Seconds)
    {
        public double WorstGainDb { get; init; } = double.NaN;
    }
}

/// <summary>The validation figures an interpolation epoch records in <see cref="EpochRecord.Metrics"/>.</summary>
public static class InterpolationMetrics
{
    /// <summary>Mean squared error of the model on the validation frames (normalised units).</summary>
    public const string ValidationMse = "validation_mse";

    /// <summary>Mean squared error of linear interpolation on the same frames.</summary>
    public const string ValidationLinearMse = "validation_linear_mse";

    /// <summary>Gain of the model over linear, 10 log10(linear MSE / model MSE) (dB).</summary>
    public const string GainDb = "gain_db";

    /// <summary>Smallest gain over linear among the validation (gap, dose) groups (dB).</summary>
    public const string WorstGainDb = "worst_gain_db";

    /// <summary>The metrics of an epoch (the worst gain left out when NaN).</summary>
    public static IReadOnlyDictionary<string, double> Of(double modelMse, double linearMse, double worstGainDb)
    {
        var metrics = new Dictionary<string, double>
        {
            [ValidationMse] = modelMse,
            [ValidationLinearMse] = linearMse,
            [GainDb] = 10 * Math.Log10(linearMse / modelMse),
        };
        if (!double.IsNaN(worstGainDb)) metrics[WorstGainDb] = worstGainDb;
        return metrics;
    }
}
