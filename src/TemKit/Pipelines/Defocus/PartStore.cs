using System.Text.Json;
using System.Text.Json.Serialization;
using TemKit.IO;

namespace TemKit.Pipelines.Defocus;

/// <summary>
/// The per-image part files of a run folder (one JSON file per image, written atomically when the image is done).
/// The file's presence with status ok is what marks an image as done for a resumed run.
/// </summary>
public sealed class PartStore
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    /// <summary>Opens (creating if needed) the parts folder <paramref name="folder"/>.</summary>
    public PartStore(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>Folder holding the part files.</summary>
    public string Folder { get; }

    /// <summary>File-name key of an input: its name plus a hash of its full path (unique across folders, stable across runs; <see cref="OutputNames.KeyOf"/>).</summary>
    public static string KeyOf(string file) => OutputNames.KeyOf(file);

    /// <summary>Path of the part file of <paramref name="file"/>.</summary>
    public string PathOf(string file) => Path.Combine(Folder, KeyOf(file) + ".json");

    /// <summary>Writes a part atomically (temporary file, flush, rename).</summary>
    public void Save(ImagePart part) =>
        AtomicFile.WriteAllBytes(PathOf(part.Result.File), JsonSerializer.SerializeToUtf8Bytes(part, s_json));

    /// <summary>The saved part of <paramref name="file"/>, or null when there is none (or it belongs to another file).</summary>
    public ImagePart? TryLoad(string file)
    {
        string path = PathOf(file);
        if (!System.IO.File.Exists(path)) return null;
        var part = Load(path);
        return part.Result.File == Path.GetFullPath(file) ? part : null;
    }

    /// <summary>True when <paramref name="file"/> has a successful part (a re-run skips it).</summary>
    public bool IsDone(string file) => TryLoad(file)?.Result.IsOk == true;

    /// <summary>Every part in the folder.</summary>
    public IEnumerable<ImagePart> LoadAll() =>
        Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*.json").Select(Load) : [];

    /// <summary>Reads one part file; a damaged file raises <see cref="TemKitFormatException"/>.</summary>
    public static ImagePart Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ImagePart>(System.IO.File.ReadAllBytes(path), s_json)
                ?? throw new TemKitFormatException(path, "empty part file");
        }
        catch (JsonException e)
        {
            throw new TemKitFormatException(path, $"damaged part file: {e.Message}");
        }
    }
}
