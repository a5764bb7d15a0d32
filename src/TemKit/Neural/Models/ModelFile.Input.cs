using System.Text.Json.Nodes;
using TemKit.IO;

namespace TemKit.Neural.Models;

public static partial class ModelFile
{
    /// <summary>Header name of <see cref="InputNormalisation.PerImageMeanStd"/>.</summary>
    private const string PerImageMeanStd = "per_image_mean_std";

    /// <summary>The header's "input" object: pixel_size_angstrom (null = unknown), pixel_size_range_angstrom, normalisation.</summary>
    private static JsonObject InputToJson(ModelInput input) => new()
    {
        ["pixel_size_angstrom"] = input.PixelSizeAngstrom,
        ["pixel_size_range_angstrom"] = input.MinPixelSizeAngstrom is { } lo && input.MaxPixelSizeAngstrom is { } hi ? new JsonArray(lo, hi) : null,
        ["normalisation"] = input.Normalisation switch
        {
            InputNormalisation.PerImageMeanStd => PerImageMeanStd,
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.Normalisation, "unknown normalisation"),
        },
        ["normalisation_description"] = "each image shifted and scaled to mean 0, standard deviation 1 before the network",
    };

    /// <summary>Reads the "input" object of a version 2 header; throws naming the field when it is missing or invalid.</summary>
    private static ModelInput InputFromJson(string path, JsonNode? node)
    {
        if (node is not JsonObject o) throw new TemKitFormatException(path, "header field 'input' is missing (required from version 2)");
        string normalisation = (string?)o["normalisation"] ?? "";
        if (normalisation != PerImageMeanStd)
            throw new TemKitFormatException(path, $"header field 'input.normalisation' is '{normalisation}'; this TemKit knows {PerImageMeanStd}");
        double? pixel = Positive(path, o["pixel_size_angstrom"], "input.pixel_size_angstrom");
        double? lo = null, hi = null;
        if (o["pixel_size_range_angstrom"] is JsonArray range)
        {
            if (range.Count != 2) throw new TemKitFormatException(path, "header field 'input.pixel_size_range_angstrom' must hold two numbers");
            lo = Positive(path, range[0], "input.pixel_size_range_angstrom");
            hi = Positive(path, range[1], "input.pixel_size_range_angstrom");
            if (lo > hi) throw new TemKitFormatException(path, $"header field 'input.pixel_size_range_angstrom' [{lo}, {hi}] is reversed");
        }
        return new ModelInput(pixel, lo, hi, InputNormalisation.PerImageMeanStd);
    }

    private static double? Positive(string path, JsonNode? node, string field)
    {
        if (node is null) return null;
        double v;
        try
        {
            v = (double)node;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new TemKitFormatException(path, $"header field '{field}' is not a number");
        }
        if (!(v > 0) || !double.IsFinite(v)) throw new TemKitFormatException(path, $"header field '{field}' is {v}; a pixel size must be a positive number of Å");
        return v;
    }

    /// <summary>Reads the optional "class_names" (one string per output channel) and "description" of a version 3 header.</summary>
    private static ModelOutput OutputFromJson(string path, JsonObject header, int classes)
    {
        List<string>? names = null;
        if (header["class_names"] is JsonArray array)
        {
            names = [];
            foreach (var node in array)
            {
                string name = node is JsonValue v && v.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text)
                    ? text : throw new TemKitFormatException(path, "header field 'class_names' must hold non-empty strings");
                names.Add(name);
            }
            if (names.Count != classes)
                throw new TemKitFormatException(path, $"header field 'class_names' has {names.Count} names for a network with {classes} output channel(s)");
        }
        string? description = header["description"] is JsonValue d && d.TryGetValue(out string? t) ? t : null;
        return names is null && description is null ? ModelOutput.Unnamed : new ModelOutput(names, description);
    }
}
