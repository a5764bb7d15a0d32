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

/// <summary>
/// The container every TemKit model file uses (docs/model-format.md): the 8 ASCII bytes "TKMODEL1", a little-endian
/// uint32 header length, a UTF-8 JSON header, then raw little-endian float32 tensors at the offsets of the header's
/// "tensors" table. This type writes and reads what all model kinds share — the tensor table and data, the optional
/// "optimiser" block with the Adam moments (tensors P.adam_m, P.adam_v, P.adam_vmax) and the optional "training" block
/// (<see cref="TrainingState"/>: epochs, seed, learning curve, run settings); each model kind adds its own header fields
/// (format, version, network settings) through <see cref="Write"/>'s header and <see cref="ModelContainerReader.Header"/>.
/// </summary>
public static class ModelContainer
{
    /// <summary>File signature.</summary>
    public static ReadOnlySpan<byte> Magic => "TKMODEL1"u8;

    /// <summary>The JSON conventions of model headers: snake_case names and enums, NaN written as "NaN", indented.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Writes a model file atomically: <paramref name="header"/> (the model kind's own fields) completed with "tensors",
    /// "data_bytes" and, when given, "optimiser" (kind, settings, step) and "training"; then the values of
    /// <paramref name="parameters"/> and of the optimiser's moments. The header object is modified.
    /// </summary>
    public static void Write(string path, JsonObject header, IReadOnlyList<Parameter> parameters, Adam? optimiser = null, TrainingState? training = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(parameters);
        var tensors = new List<(string Name, int[] Shape, float[] Data)>();
        foreach (var p in parameters) tensors.Add((p.Name, p.Shape, p.Value));
        if (optimiser != null)
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                tensors.Add((p.Name + ".adam_m", p.Shape, optimiser.First[i]));
                tensors.Add((p.Name + ".adam_v", p.Shape, optimiser.Second[i]));
                tensors.Add((p.Name + ".adam_vmax", p.Shape, optimiser.SecondMax[i]));
            }
        var table = new JsonArray();
        long offset = 0;
        foreach (var t in tensors)
        {
            table.Add(new JsonObject { ["name"] = t.Name, ["shape"] = new JsonArray([.. t.Shape.Select(s => (JsonNode)s)]), ["offset"] = offset, ["count"] = t.Data.Length });
            offset += 4L * t.Data.Length;
        }
        header["tensors"] = table;
        header["data_bytes"] = offset;
        if (optimiser != null)
            header["optimiser"] = new JsonObject
            {
                ["kind"] = "adam",
                ["settings"] = JsonSerializer.SerializeToNode(optimiser.Settings, Json),
                ["step"] = optimiser.Step,
            };
        if (training != null) header["training"] = JsonSerializer.SerializeToNode(training, Json);
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString(Json));
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

    /// <summary>
    /// Opens a model file: checks the signature, header length, JSON, data length and tensor table, and returns a reader
    /// positioned on it (caller disposes). Throws <see cref="TemKitFormatException"/> naming the field at fault.
    /// </summary>
    public static ModelContainerReader Open(string path)
    {
        if (!File.Exists(path)) throw new TemKitFormatException(path, "file not found");
        var s = File.OpenRead(path);
        try
        {
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
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw new TemKitFormatException(path, $"header is not valid JSON ({e.Message})", e);
            }
            long dataStart = 12 + headerLength;
            long dataBytes = header["data_bytes"] is JsonValue dv && dv.TryGetValue(out long db) ? db : -1;
            if (dataBytes < 0 || dataStart + dataBytes != s.Length) throw new TemKitFormatException(path, $"header field 'data_bytes' ({dataBytes}) does not match the file length {s.Length}");
            var entries = new Dictionary<string, (long Offset, int Count)>();
            if (header["tensors"] is not JsonArray table) throw new TemKitFormatException(path, "header field 'tensors' is missing");
            foreach (var e in table)
            {
                string name = e is JsonObject o && o["name"] is JsonValue nv && nv.TryGetValue(out string? n) ? n : throw new TemKitFormatException(path, "a 'tensors' entry has no name");
                long off = e["offset"] is JsonValue ov && ov.TryGetValue(out long ol) ? ol : -1;
                int count = e["count"] is JsonValue cv && cv.TryGetValue(out int ci) ? ci : -1;
                if (off < 0 || count < 0 || off + 4L * count > dataBytes) throw new TemKitFormatException(path, $"tensor '{name}' offset/count lie outside the data");
                entries[name] = (off, count);
            }
            return new ModelContainerReader(path, s, header, dataStart, entries);
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }
}

/// <summary>An open model file (<see cref="ModelContainer.Open"/>): its header and its tensors by name.</summary>
public sealed class ModelContainerReader : IDisposable
{
    private readonly Stream _stream;
    private readonly long _dataStart;
    private readonly Dictionary<string, (long Offset, int Count)> _entries;

    internal ModelContainerReader(string path, Stream stream, JsonObject header, long dataStart, Dictionary<string, (long Offset, int Count)> entries)
    {
        Path = path;
        _stream = stream;
        Header = header;
        _dataStart = dataStart;
        _entries = entries;
    }

    /// <summary>The file (for messages).</summary>
    public string Path { get; }

    /// <summary>The JSON header.</summary>
    public JsonObject Header { get; }

    /// <summary>Fills <paramref name="into"/> with tensor <paramref name="name"/>; throws when it is missing or has another length.</summary>
    public void Read(string name, float[] into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!_entries.TryGetValue(name, out var e)) throw new TemKitFormatException(Path, $"tensor '{name}' is missing");
        if (e.Count != into.Length) throw new TemKitFormatException(Path, $"tensor '{name}' has {e.Count} values; the network needs {into.Length}");
        _stream.Seek(_dataStart + e.Offset, SeekOrigin.Begin);
        _stream.ReadExactly(MemoryMarshal.AsBytes(into.AsSpan()));
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < into.Length; i++) into[i] = BinaryPrimitives.ReadSingleLittleEndian(BitConverter.GetBytes(into[i]));
    }

    /// <summary>Reads the values of every parameter (by name).</summary>
    public void ReadParameters(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters) Read(p.Name, p.Value);
    }

    /// <summary>
    /// The Adam state of the "optimiser" block for <paramref name="parameters"/>, or null when the file has none. Its
    /// settings come from the block, or <paramref name="fallbackSettings"/> (older files that kept them elsewhere).
    /// </summary>
    public Adam? ReadOptimiser(IReadOnlyList<Parameter> parameters, AdamParameters? fallbackSettings = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (Header["optimiser"] is not JsonObject opt) return null;
        AdamParameters settings;
        try
        {
            settings = opt["settings"]?.Deserialize<AdamParameters>(ModelContainer.Json) ?? fallbackSettings ?? new AdamParameters();
        }
        catch (JsonException e)
        {
            throw new TemKitFormatException(Path, $"header field 'optimiser.settings' is invalid ({e.Message})", e);
        }
        long step = opt["step"] is JsonValue sv && sv.TryGetValue(out long st) ? st : 0;
        var adam = new Adam(parameters, settings) { Step = step };
        for (int i = 0; i < parameters.Count; i++)
        {
            Read(parameters[i].Name + ".adam_m", adam.First[i]);
            Read(parameters[i].Name + ".adam_v", adam.Second[i]);
            Read(parameters[i].Name + ".adam_vmax", adam.SecondMax[i]);
        }
        return adam;
    }

    /// <summary>The "training" block, or null when the file has none.</summary>
    public TrainingState? ReadTraining()
    {
        try
        {
            return Header["training"] is JsonObject tr ? tr.Deserialize<TrainingState>(ModelContainer.Json) : null;
        }
        catch (JsonException e)
        {
            throw new TemKitFormatException(Path, $"header field 'training' is invalid ({e.Message})", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
