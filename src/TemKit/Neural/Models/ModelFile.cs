using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TemKit.IO;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Tensors;

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
    /// <summary>File signature.</summary>
    public static ReadOnlySpan<byte> Magic => "TKMODEL1"u8;

    /// <summary>
    /// Current header version (2: adds the "input" object with the training pixel size and normalisation; 3: the network
    /// settings may hold <c>loss</c> = <c>mean_squared_error</c> for regression networks, and optional
    /// <c>class_names</c> and <c>description</c> say what the outputs are and what the model was trained on).
    /// </summary>
    public const int Version = 3;

    /// <summary>Oldest header version still read.</summary>
    public const int OldestReadableVersion = 1;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

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
        var tensors = new List<(string Name, int[] Shape, float[] Data)>();
        foreach (var p in network.Parameters) tensors.Add((p.Name, p.Shape, p.Value));
        if (optimiser != null)
            for (int i = 0; i < network.Parameters.Count; i++)
            {
                var p = network.Parameters[i];
                tensors.Add((p.Name + ".adam_m", p.Shape, optimiser.First[i]));
                tensors.Add((p.Name + ".adam_v", p.Shape, optimiser.Second[i]));
                tensors.Add((p.Name + ".adam_vmax", p.Shape, optimiser.SecondMax[i]));
            }
        var table = new JsonArray();
        long offset = 0;
        foreach (var t in tensors)
        {
            table.Add(new JsonObject { ["name"] = t.Name, ["shape"] = new JsonArray(t.Shape.Select(s => (JsonNode)s).ToArray()), ["offset"] = offset, ["count"] = t.Data.Length });
            offset += 4L * t.Data.Length;
        }
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
            ["tensors"] = table,
            ["data_bytes"] = offset,
        };
        if (optimiser != null)
            header["optimiser"] = new JsonObject
            {
                ["kind"] = "adam",
                ["settings"] = JsonSerializer.SerializeToNode(optimiser.Settings, s_json),
                ["step"] = optimiser.Step,
            };
        if (training != null) header["training"] = JsonSerializer.SerializeToNode(training, s_json);
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString(s_json));
        AtomicFile.Write(path, s =>
        {
            s.Write(Magic);
            Span<byte> len = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)headerBytes.Length);
            s.Write(len);
            s.Write(headerBytes);
            foreach (var t in tensors) WriteFloats(s, t.Data);
        });
    }

    private static void WriteFloats(Stream s, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            s.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }
        var buf = new byte[4 * data.Length];
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(buf.AsSpan(4 * i), data[i]);
        s.Write(buf);
    }

    /// <summary>Reads a model file; throws <see cref="TemKitFormatException"/> naming the field at fault.</summary>
    public static ModelCheckpoint Load(string path)
    {
        using var s = File.OpenRead(path);
        Span<byte> head = stackalloc byte[12];
        if (s.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12) throw new TemKitFormatException(path, "file too short for a TemKit model header");
        if (!head[..8].SequenceEqual(Magic)) throw new TemKitFormatException(path, "signature is not TKMODEL1 (not a TemKit model file)");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
        if (headerLength > 64u << 20 || headerLength > s.Length - 12) throw new TemKitFormatException(path, $"header length {headerLength} exceeds the file");
        var headerBytes = new byte[headerLength];
        s.ReadExactly(headerBytes);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes)?.AsObject() ?? throw new TemKitFormatException(path, "header is empty");
        }
        catch (JsonException e)
        {
            throw new TemKitFormatException(path, $"header is not valid JSON ({e.Message})", e);
        }
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
        long dataStart = 12 + headerLength;
        long dataBytes = (long?)header["data_bytes"] ?? -1;
        if (dataBytes < 0 || dataStart + dataBytes != s.Length) throw new TemKitFormatException(path, $"header field 'data_bytes' ({dataBytes}) does not match the file length {s.Length}");
        var table = header["tensors"]?.AsArray() ?? throw new TemKitFormatException(path, "header field 'tensors' is missing");
        var entries = new Dictionary<string, (long Offset, int Count)>();
        foreach (var e in table)
        {
            string name = (string?)e?["name"] ?? throw new TemKitFormatException(path, "a 'tensors' entry has no name");
            long off = (long?)e!["offset"] ?? -1;
            int count = (int?)e!["count"] ?? -1;
            if (off < 0 || count < 0 || off + 4L * count > dataBytes) throw new TemKitFormatException(path, $"tensor '{name}' offset/count lie outside the data");
            entries[name] = (off, count);
        }
        float[] Read(string name, int expected)
        {
            if (!entries.TryGetValue(name, out var e)) throw new TemKitFormatException(path, $"tensor '{name}' is missing");
            if (e.Count != expected) throw new TemKitFormatException(path, $"tensor '{name}' has {e.Count} values; the network needs {expected}");
            var data = new float[expected];
            s.Seek(dataStart + e.Offset, SeekOrigin.Begin);
            s.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
            if (!BitConverter.IsLittleEndian)
                for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(BitConverter.GetBytes(data[i]));
            return data;
        }
        foreach (var p in network.Parameters) Read(p.Name, p.Value.Length).CopyTo(p.Value, 0);
        Adam? adam = null;
        if (header["optimiser"] is JsonObject opt)
        {
            var settings = opt["settings"].Deserialize<AdamParameters>(s_json) ?? new AdamParameters();
            adam = new Adam(network.Parameters, settings) { Step = (long?)opt["step"] ?? 0 };
            for (int i = 0; i < network.Parameters.Count; i++)
            {
                var p = network.Parameters[i];
                Read(p.Name + ".adam_m", p.Value.Length).CopyTo(adam.First[i], 0);
                Read(p.Name + ".adam_v", p.Value.Length).CopyTo(adam.Second[i], 0);
                Read(p.Name + ".adam_vmax", p.Value.Length).CopyTo(adam.SecondMax[i], 0);
            }
        }
        TrainingState? training = null;
        try
        {
            if (header["training"] is JsonObject tr) training = tr.Deserialize<TrainingState>(s_json);
        }
        catch (JsonException e)
        {
            throw new TemKitFormatException(path, $"header field 'training' is invalid ({e.Message})", e);
        }
        return new ModelCheckpoint(network, adam, training) { Input = input, FormatVersion = version, Output = OutputFromJson(path, header, network.Classes) };
    }
}
