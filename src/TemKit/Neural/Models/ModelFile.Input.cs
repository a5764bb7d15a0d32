using System.Text.Json.Nodes;
using TemKit.IO;

namespace TemKit.Neural.Models;

public static partial class ModelFile
{
    /// <summary>Header name of <see cref="InputNormalisation.PerImageMeanStd"/>.</summary>
    private const string PerImageMeanStd = "per_image_mean_std";

    /// <summary>Header name of a per-channel normalisation listed in "input.channels" (<see cref="ModelInput.Channels"/>).</summary>
    private const string PerChannel = "per_channel";

    /// <summary>Header name of a channel passed through times a fixed scale.</summary>
    private const string FixedScale = "fixed_scale";

    /// <summary>
    /// The header's "input" object: pixel_size_angstrom (null = unknown), pixel_size_range_angstrom, normalisation and,
    /// for a model with a channel list, normalisation "per_channel" and "channels" (one object per input channel:
    /// normalisation per_image_mean_std, or fixed_scale with scale and optional quantity). Files without a channel list
    /// are written exactly as before, and a TemKit that does not know "per_channel" refuses the file instead of
    /// standardising a constant channel.
    /// </summary>
    private static JsonObject InputToJson(ModelInput input)
    {
        if (input.Normalisation != InputNormalisation.PerImageMeanStd)
            throw new ArgumentOutOfRangeException(nameof(input), input.Normalisation, "unknown normalisation");
        var o = new JsonObject
        {
            ["pixel_size_angstrom"] = input.PixelSizeAngstrom,
            ["pixel_size_range_angstrom"] = input.MinPixelSizeAngstrom is { } lo && input.MaxPixelSizeAngstrom is { } hi ? new JsonArray(lo, hi) : null,
            ["normalisation"] = input.Channels is null ? PerImageMeanStd : PerChannel,
            ["normalisation_description"] = input.Channels is null
                ? "each image shifted and scaled to mean 0, standard deviation 1 before the network"
                : "each channel as 'channels' says: per_image_mean_std (mean 0, standard deviation 1 per image) or fixed_scale (value times scale; quantity names a constant plane the segmenter fills in, e.g. defocus_angstrom)",
        };
        if (input.Channels is { } channels)
        {
            var array = new JsonArray();
            foreach (var c in channels)
            {
                c.Validate();
                array.Add(c.FixedScale is { } scale
                    ? new JsonObject { ["normalisation"] = FixedScale, ["scale"] = scale, ["quantity"] = c.Quantity }
                    : new JsonObject { ["normalisation"] = PerImageMeanStd });
            }
            o["channels"] = array;
        }
        return o;
    }

    /// <summary>Reads "input.channels" of a per_channel header: one entry per network input channel.</summary>
    private static List<InputChannel> ChannelsFromJson(string path, JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0)
            throw new TemKitFormatException(path, "header field 'input.channels' must list the input channels when 'input.normalisation' is per_channel");
        var channels = new List<InputChannel>();
        foreach (var item in array)
        {
            string mode = item is JsonObject c && c["normalisation"] is JsonValue v && v.TryGetValue(out string? m) ? m : "";
            InputChannel channel;
            if (mode == PerImageMeanStd) channel = InputChannel.Standardised;
            else if (mode == FixedScale)
            {
                double scale = item!["scale"] is JsonValue sv && sv.TryGetValue(out double d) ? d : double.NaN;
                string? quantity = item["quantity"] is JsonValue qv && qv.TryGetValue(out string? q) ? q : null;
                channel = new InputChannel(scale, quantity);
                try
                {
                    channel.Validate();
                }
                catch (ArgumentException e)
                {
                    throw new TemKitFormatException(path, $"header field 'input.channels[{channels.Count}]': {e.Message}");
                }
            }
            else throw new TemKitFormatException(path, $"header field 'input.channels[{channels.Count}].normalisation' is '{mode}'; this TemKit knows {PerImageMeanStd} and {FixedScale}");
            channels.Add(channel);
        }
        return channels;
    }

    /// <summary>Reads the "input" object of a version 2 header; throws naming the field when it is missing or invalid.</summary>
    private static ModelInput InputFromJson(string path, JsonNode? node)
    {
        if (node is not JsonObject o) throw new TemKitFormatException(path, "header field 'input' is missing (required from version 2)");
        string normalisation = o["normalisation"] is JsonValue nv && nv.TryGetValue(out string? n) ? n : "";
        if (normalisation != PerImageMeanStd && normalisation != PerChannel)
            throw new TemKitFormatException(path, $"header field 'input.normalisation' is '{normalisation}'; this TemKit knows {PerImageMeanStd} and {PerChannel}");
        var channels = normalisation == PerChannel ? ChannelsFromJson(path, o["channels"]) : null;
        double? pixel = Positive(path, o["pixel_size_angstrom"], "input.pixel_size_angstrom");
        double? lo = null, hi = null;
        if (o["pixel_size_range_angstrom"] is JsonArray range)
        {
            if (range.Count != 2) throw new TemKitFormatException(path, "header field 'input.pixel_size_range_angstrom' must hold two numbers");
            lo = Positive(path, range[0], "input.pixel_size_range_angstrom");
            hi = Positive(path, range[1], "input.pixel_size_range_angstrom");
            if (lo > hi) throw new TemKitFormatException(path, $"header field 'input.pixel_size_range_angstrom' [{lo}, {hi}] is reversed");
        }
        return new ModelInput(pixel, lo, hi, InputNormalisation.PerImageMeanStd) { Channels = channels };
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

    /// <summary>Reads the optional "class_names" (one string per output channel), "description" and "mask_threshold" of a version 3 header.</summary>
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
        double? maskThreshold = null;
        if (header["mask_threshold"] is JsonValue m)
        {
            maskThreshold = m.TryGetValue(out double value) && value > 0 && value <= 1 ? value
                : throw new TemKitFormatException(path, $"header field 'mask_threshold' is {m.ToJsonString()}; a probability threshold must be in (0, 1]");
        }
        return names is null && description is null && maskThreshold is null ? ModelOutput.Unnamed : new ModelOutput(names, description) { MaskThreshold = maskThreshold };
    }
}
