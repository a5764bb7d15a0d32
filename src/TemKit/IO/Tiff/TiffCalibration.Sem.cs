using System.Text.RegularExpressions;

namespace TemKit.IO.Tiff;

internal sealed partial record TiffCalibration
{
    /// <summary>FEI/Thermo SEM/FIB and SFEG text tags (an INI file): [Scan] PixelWidth/PixelHeight in m, [Beam] HV in V.</summary>
    private static TiffCalibration? Fei(TiffTags tags)
    {
        foreach (int tag in new[] { 34682, 34680 })
        {
            string? text = tags.Text(tag);
            if (text is null) continue;
            var ini = Ini(text);
            double? w = ParseDouble(ini.GetValueOrDefault("Scan.PixelWidth")), h = ParseDouble(ini.GetValueOrDefault("Scan.PixelHeight"));
            if (w is not > 0) continue;
            string name = tag == 34682 ? "FEI_HELIOS" : "FEI_SFEG";
            return new TiffCalibration
            {
                XAngstrom = w.Value * 1e10,
                YAngstrom = (h is > 0 ? h.Value : w.Value) * 1e10,
                Source = $"{name} tag {tag} [Scan] PixelWidth/PixelHeight (m)",
                VoltageKilovolts = ParseDouble(ini.GetValueOrDefault("Beam.HV")) is > 0 and var hv ? hv / 1000 : null,
                Acquired = LocalTimeText.AsReported(LocalTimeText.Parse(ini.GetValueOrDefault("User.Date"), ini.GetValueOrDefault("User.Time"))),
            };
        }
        return null;
    }

    /// <summary>"Section.Key" → value of an INI text.</summary>
    private static Dictionary<string, string> Ini(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string section = "";
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']')) section = line[1..^1];
            else if (line.IndexOf('=') is > 0 and var eq) result.TryAdd($"{section}.{line[..eq].Trim()}", line[(eq + 1)..].Trim());
        }
        return result;
    }

    /// <summary>
    /// Zeiss SmartSEM tag 34118: "AP_NAME" lines followed by "Label = value unit". AP_PIXEL_SIZE is the pixel size of the
    /// frame as scanned; an image saved at a lower resolution keeps it, so the pixel size is scaled by the number of
    /// scanned pixels (AP_WIDTH / AP_PIXEL_SIZE, rounded) over the saved width (a 1024-pixel scan saved at 512: 2x).
    /// </summary>
    private static TiffCalibration? Zeiss(TiffTags tags, int width, int height)
    {
        string? text = tags.Text(34118);
        if (text is null) return null;
        var values = new Dictionary<string, (double Value, string Unit)>(StringComparer.Ordinal);
        string[] lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        string? Text(string key)
        {
            int i = Array.FindIndex(lines, l => l.Trim() == key);
            if (i < 0 || i + 1 >= lines.Length) return null;
            int sep = lines[i + 1].IndexOfAny(['=', ':']);
            return sep < 0 ? null : lines[i + 1][(sep + 1)..].Trim();
        }
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            if (!lines[i].StartsWith("AP_", StringComparison.Ordinal) && !lines[i].StartsWith("DP_", StringComparison.Ordinal)) continue;
            var m = ZeissValue().Match(lines[i + 1]);
            if (m.Success && ParseDouble(m.Groups[1].Value) is { } v) values.TryAdd(lines[i].Trim(), (v, m.Groups[2].Value.Trim()));
        }
        double? Angstrom(string key) =>
            values.TryGetValue(key, out var q) && LengthUnits.AngstromPer(q.Unit) is { } a ? q.Value * a : null;
        if (Angstrom("AP_PIXEL_SIZE") is not { } px || !(px > 0)) return null;
        double Scaled(double? field, int pixels) => field is > 0 ? px * Math.Max(1, Math.Round(field.Value / px)) / pixels : px;
        return new TiffCalibration
        {
            XAngstrom = Scaled(Angstrom("AP_WIDTH"), width),
            YAngstrom = Scaled(Angstrom("AP_HEIGHT"), height),
            Source = "CZ_SEM tag 34118 AP_PIXEL_SIZE scaled by AP_WIDTH/AP_HEIGHT to the saved size",
            VoltageKilovolts = values.TryGetValue("AP_ACTUALKV", out var kv) && kv.Unit == "kV" ? kv.Value
                : values.TryGetValue("AP_MANUALKV", out var mkv) && mkv.Unit == "kV" ? mkv.Value : null,
            Magnification = values.TryGetValue("AP_MAG", out var mag) && mag.Value > 0 ? mag.Value : null,
            Acquired = LocalTimeText.AsReported(LocalTimeText.Parse(Text("AP_DATE"), Text("AP_TIME"))),
        };
    }

    [GeneratedRegex(@"^[^=]*=\s*([-+0-9.eE]+)\s*(\S*)")]
    private static partial Regex ZeissValue();
}
