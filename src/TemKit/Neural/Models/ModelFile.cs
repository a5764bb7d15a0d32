using System.Text.Json;
using System.Text.Json.Nodes;
using TemKit.IO;
using TemKit.Neural.Optimisers;

namespace TemKit.Neural.Models;

/// <summary>A network read from a model file, with the optimiser and training state when the file has them.</summary>
/// <param name="Network">The network with its weights.</param>
/// <param name="Optimiser">Adam state, when the file holds it (training checkpoints).</param>
/// <param name="Training">Epochs done and learning curve, when the file holds them.</param>
public sealed record ModelCheckpoint(ISegmentationNetwork Network, Adam? Optimiser, TrainingState? Training)
{
    /// <summary>Training pixel size and input normalisation (<see cref="ModelInput.Unknown"/> pixel size for version 1 files).</summary>
    public ModelInput Input { get; init; } = ModelInput.Unknown;

    /// <summary>Header version of the file it was read from (<see cref="ModelFile.Version"/> for a model made in memory).</summary>
    public int FormatVersion { get; init; } = ModelFile.Version;

    /// <summary>Names of the output channels and what the model was trained on (<see cref="ModelOutput.Unnamed"/> when the file has none).</summary>
    public ModelOutput Output { get; init; } = ModelOutput.Unnamed;
}

/// <summary>
/// TemKit model files (.tkm), documented in docs/model-format.md: the 8 ASCII bytes "TKMODEL1", a little-endian uint32
/// header length, a UTF-8 JSON header (format, version, network settings, training pixel size and input
/// normalisation, tensor table, optional optimiser and training state), then the raw little-endian float32 data of
/// every tensor at the offsets the table gives. Version 1 files (no training pixel size) are still read.
/// </summary>
public static partial class ModelFile
{
    /// <summary>File signature (<see cref="ModelContainer.Magic"/>).</summary>
    public static ReadOnlySpan<byte> Magic => ModelContainer.Magic;

    /// <summary>
    /// Current header version (2: adds the "input" object with the training pixel size and normalisation; 3: the network
    /// settings may hold <c>loss</c> = <c>mean_squared_error</c> for regression networks, and optional
    /// <c>class_names</c> and <c>description</c> say what the outputs are and what the model was trained on).
    /// </summary>
    public const int Version = 3;

    /// <summary>Oldest header version still read.</summary>
    public const int OldestReadableVersion = 1;

    private static JsonSerializerOptions s_json => ModelContainer.Json;

    /// <summary>
    /// Writes the network (and optionally optimiser and training state) atomically to <paramref name="path"/>, with
    /// <paramref name="input"/> (training pixel size and normalisation; <see cref="ModelInput.Unknown"/> when null) and
    /// <paramref name="output"/> (channel names and a description of the training data; none when null).
    /// </summary>
    public static void Save(string path, ISegmentationNetwork network, Adam? optimiser = null, TrainingState? training = null, ModelInput? input = null,
        ModelOutput? output = null)
    {
        output ??= ModelOutput.Unnamed;
        if (output.ClassNames is { } names && names.Count != network.Classes)
            throw new ArgumentException($"{names.Count} class names for a network with {network.Classes} output channel(s)", nameof(output));
        if (input?.Channels is { } channels && channels.Count != network.InputChannels)
            throw new ArgumentException($"{channels.Count} input channel modes for a network with {network.InputChannels} input channel(s)", nameof(input));
        object settings = network switch
        {
            MsdNet m => m.Settings,
            UNet u => u.Settings,
            _ => throw new ArgumentException($"cannot save a {network.GetType().Name}", nameof(network)),
        };
        var header = new JsonObject
        {
            ["format"] = "temkit-segmentation-model",
            ["version"] = Version,
            ["network"] = network.Kind,
            ["settings"] = JsonSerializer.SerializeToNode(settings, settings.GetType(), s_json),
            ["input"] = InputToJson(input ?? ModelInput.Unknown),
            ["output"] = network.Loss == Losses.LossKind.MeanSquaredError ? "regressed values, one per output channel (no activation)"
                : network.Classes == 1 ? "logit of the foreground probability (sigmoid)" : "class logits (softmax)",
            ["class_names"] = output.ClassNames is { } classNames ? new JsonArray(classNames.Select(n => (JsonNode)n).ToArray()) : null,
            ["description"] = output.Description,
            ["mask_threshold"] = output.MaskThreshold is { } maskThreshold ? JsonValue.Create(maskThreshold) : null,
        };
        ModelContainer.Write(path, header, network.Parameters, optimiser, training);
    }

    /// <summary>Reads a model file; throws <see cref="TemKitFormatException"/> naming the field at fault.</summary>
    public static ModelCheckpoint Load(string path)
    {
        using var file = ModelContainer.Open(path);
        var header = file.Header;
        if ((string?)header["format"] != "temkit-segmentation-model") throw new TemKitFormatException(path, "header field 'format' is not temkit-segmentation-model");
        int version = (int?)header["version"] ?? -1;
        if (version < OldestReadableVersion || version > Version)
            throw new TemKitFormatException(path, $"header field 'version' is {version}; this TemKit reads versions {OldestReadableVersion}-{Version}");
        var input = version == 1 ? ModelInput.Unknown : InputFromJson(path, header["input"]);
        string kind = (string?)header["network"] ?? "";
        ISegmentationNetwork network;
        try
        {
            object settings = kind switch
            {
                "msd" => header["settings"].Deserialize<MsdNetParameters>(s_json)!,
                "unet" => header["settings"].Deserialize<UNetParameters>(s_json)!,
                _ => throw new TemKitFormatException(path, $"header field 'network' is '{kind}'; expected msd or unet"),
            };
            network = NetworkFactory.Create(settings);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
        {
            throw new TemKitFormatException(path, $"header field 'settings' is invalid ({e.Message})", e);
        }
        if (input.Channels is { } channels && channels.Count != network.InputChannels)
            throw new TemKitFormatException(path, $"header field 'input.channels' lists {channels.Count} channel(s) for a network with {network.InputChannels} input channel(s)");
        file.ReadParameters(network.Parameters);
        var adam = file.ReadOptimiser(network.Parameters);
        var training = file.ReadTraining();
        return new ModelCheckpoint(network, adam, training) { Input = input, FormatVersion = version, Output = OutputFromJson(path, header, network.Classes) };
    }
}
