using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TemKit.IO;
using TemKit.Neural.Optimisers;

namespace TemKit.Tomography.Interpolation;

/// <summary>
/// Interpolation model files: the TemKit model container (docs/model-format.md: "TKMODEL1", uint32 header length, UTF-8
/// JSON header, raw little-endian float32 tensors) with format "temkit-interpolation-model": the network settings,
/// what it was trained on (dataset, clusters, gaps, doses, pixel size, image size, normalisation), the learning
/// curve, the tensor table and optionally the Adam state.
/// </summary>
public static class InterpolationModelFile
{
    /// <summary>The header's format field.</summary>
    public const string Format = "temkit-interpolation-model";

    /// <summary>Header version.</summary>
    public const int Version = 2;

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes <paramref name="model"/> atomically (with the Adam state when it has one).</summary>
    public static void Save(string path, InterpolationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ps = model.Network.Parameters;
        var tensors = new List<(string Name, int[] Shape, float[] Data)>();
        foreach (var p in ps) tensors.Add((p.Name, p.Shape, p.Value));
        if (model.Optimiser is { } adam)
            for (int i = 0; i < ps.Count; i++)
            {
                tensors.Add((ps[i].Name + ".adam_m", ps[i].Shape, adam.First[i]));
                tensors.Add((ps[i].Name + ".adam_v", ps[i].Shape, adam.Second[i]));
                tensors.Add((ps[i].Name + ".adam_vmax", ps[i].Shape, adam.SecondMax[i]));
            }
        var table = new JsonArray();
        long offset = 0;
        foreach (var t in tensors)
        {
            table.Add(new JsonObject { ["name"] = t.Name, ["shape"] = new JsonArray([.. t.Shape.Select(s => (JsonNode)s)]), ["offset"] = offset, ["count"] = t.Data.Length });
            offset += 4L * t.Data.Length;
        }
        var header = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["network"] = "residual-fcn",
            ["settings"] = JsonSerializer.SerializeToNode(model.Network.Settings, s_json),
            ["input"] = "channels: frame before, frame after (both mapped with their shared range: mean of the two minima and of the two maxima), half-gap (degrees) / 4",
            ["output"] = "correction added to (before + after)/2, normalised units",
            ["trained"] = JsonSerializer.SerializeToNode(model.Trained, s_json),
            ["history"] = JsonSerializer.SerializeToNode(model.History, s_json),
            ["tensors"] = table,
            ["data_bytes"] = offset,
        };
        if (model.Optimiser is { } a) header["optimiser"] = new JsonObject { ["kind"] = "adam", ["step"] = a.Step };
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString(s_json));
        AtomicFile.Write(path, s =>
        {
            s.Write(Neural.Models.ModelFile.Magic);
            Span<byte> len = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)headerBytes.Length);
            s.Write(len);
            s.Write(headerBytes);
            foreach (var t in tensors)
            {
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("model files are written on little-endian machines only");
                s.Write(MemoryMarshal.AsBytes(t.Data.AsSpan()));
            }
        });
    }

    /// <summary>Reads a model file; throws <see cref="TemKitFormatException"/> naming the field at fault.</summary>
    public static InterpolationModel Load(string path)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found");
        using var s = File.OpenRead(path);
        Span<byte> head = stackalloc byte[12];
        if (s.ReadAtLeast(head, 12, throwOnEndOfStream: false) < 12) throw new TemKitFormatException(path, "file too short for a TemKit model header");
        if (!head[..8].SequenceEqual(Neural.Models.ModelFile.Magic)) throw new TemKitFormatException(path, "signature is not TKMODEL1 (not a TemKit model file)");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
        if (headerLength > 64u << 20 || headerLength > s.Length - 12) throw new TemKitFormatException(path, $"header length {headerLength} exceeds the file");
        var headerBytes = new byte[headerLength];
        s.ReadExactly(headerBytes);
        JsonObject header;
        try { header = JsonNode.Parse(headerBytes)?.AsObject() ?? throw new TemKitFormatException(path, "header is empty"); }
        catch (JsonException e) { throw new TemKitFormatException(path, $"header is not valid JSON ({e.Message})", e); }
        if ((string?)header["format"] != Format)
            throw new TemKitFormatException(path, $"header field 'format' is '{(string?)header["format"]}', not {Format} (a segmentation model cannot interpolate frames)");
        if ((int?)header["version"] != Version) throw new TemKitFormatException(path, $"header field 'version' is {(int?)header["version"]}; this TemKit reads version {Version} (version 1 models normalised each frame on its own: retrain with temkit tomo train-interpolation)");
        InterpolationNetwork network;
        InterpolationTrainingInfo trained;
        List<InterpolationEpoch> history;
        try
        {
            network = new InterpolationNetwork(header["settings"].Deserialize<InterpolationNetworkParameters>(s_json) ?? throw new JsonException("settings missing"));
            trained = header["trained"].Deserialize<InterpolationTrainingInfo>(s_json) ?? throw new JsonException("trained missing");
            history = header["history"].Deserialize<List<InterpolationEpoch>>(s_json) ?? [];
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
        {
            throw new TemKitFormatException(path, $"header fields 'settings'/'trained'/'history' are invalid ({e.Message})", e);
        }
        long dataStart = 12 + headerLength, dataBytes = (long?)header["data_bytes"] ?? -1;
        if (dataBytes < 0 || dataStart + dataBytes != s.Length) throw new TemKitFormatException(path, $"header field 'data_bytes' ({dataBytes}) does not match the file length {s.Length}");
        var entries = new Dictionary<string, (long Offset, int Count)>();
        foreach (var e in header["tensors"]?.AsArray() ?? throw new TemKitFormatException(path, "header field 'tensors' is missing"))
        {
            string name = (string?)e?["name"] ?? throw new TemKitFormatException(path, "a 'tensors' entry has no name");
            long off = (long?)e!["offset"] ?? -1;
            int count = (int?)e["count"] ?? -1;
            if (off < 0 || count < 0 || off + 4L * count > dataBytes) throw new TemKitFormatException(path, $"tensor '{name}' offset/count lie outside the data");
            entries[name] = (off, count);
        }
        void Read(string name, float[] into)
        {
            if (!entries.TryGetValue(name, out var e)) throw new TemKitFormatException(path, $"tensor '{name}' is missing");
            if (e.Count != into.Length) throw new TemKitFormatException(path, $"tensor '{name}' has {e.Count} values; the network needs {into.Length}");
            s.Seek(dataStart + e.Offset, SeekOrigin.Begin);
            s.ReadExactly(MemoryMarshal.AsBytes(into.AsSpan()));
        }
        var ps = network.Parameters;
        foreach (var p in ps) Read(p.Name, p.Value);
        Adam? adam = null;
        if (header["optimiser"] is JsonObject opt)
        {
            adam = new Adam(ps, trained.Adam) { Step = (long?)opt["step"] ?? 0 };
            for (int i = 0; i < ps.Count; i++)
            {
                Read(ps[i].Name + ".adam_m", adam.First[i]);
                Read(ps[i].Name + ".adam_v", adam.Second[i]);
                Read(ps[i].Name + ".adam_vmax", adam.SecondMax[i]);
            }
        }
        return new InterpolationModel(network, trained, history, adam);
    }
}
