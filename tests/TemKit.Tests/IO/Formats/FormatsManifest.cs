using System.Text.Json;

namespace TemKit.Tests.IO.Formats;

/// <summary>The entries of ../shared/data/formats/manifest.json (values read by HyperSpy 1.7.3, or tifffile/h5py/mrcfile).</summary>
internal static class FormatsManifest
{
    private static JsonElement[]? _entries;

    public static string Root => SharedData.File("formats");

    public static JsonElement[] Entries => _entries ??= Load();

    private static JsonElement[] Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "manifest.json")));
        return doc.RootElement.GetProperty("files").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static JsonElement Entry(string file) => Entries.Single(e => e.GetProperty("file").GetString() == file);

    /// <summary>Theory rows: the valid (or broken) files, or one skipped row when the shared data is absent.</summary>
    public static TheoryData<string> Files(bool valid)
    {
        var data = new TheoryData<string>();
        if (!SharedData.Available) { data.Add(SharedData.Absent); return data; }
        foreach (var e in Entries)
            if (e.GetProperty("valid").GetBoolean() == valid) data.Add(e.GetProperty("file").GetString()!);
        return data;
    }

    public static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
