using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TemKit.IO.Tia;

/// <summary>
/// The microscope description TIA keeps in the .emi file: one &lt;ObjectInfo&gt; XML block per .ser file (in the order of
/// the _1, _2, ... files) with ExperimentalDescription label/value pairs ("Mode", "High tension" in kV, "Magnification",
/// "Camera length" in m) and AcquireDate. Only the XML text is read; the binary rest of the .emi is not needed.
/// </summary>
internal sealed partial record TiaEmi(IReadOnlyList<IReadOnlyDictionary<string, string>> Objects)
{
    /// <summary>Longest .emi read (the XML sits in the first few tens of kilobytes of real files).</summary>
    private const int MaxBytes = 64 << 20;

    public static TiaEmi Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxBytes) throw new TemKitFormatException(path, $".emi file of {info.Length} bytes is larger than the {MaxBytes} TemKit reads");
        string text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        var objects = new List<IReadOnlyDictionary<string, string>>();
        foreach (Match block in ObjectInfo().Matches(text))
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match pair in LabelValue().Matches(block.Value))
                values.TryAdd(pair.Groups[1].Value.Trim(), pair.Groups[2].Value.Trim());
            if (AcquireDate().Match(block.Value) is { Success: true } date) values.TryAdd("AcquireDate", date.Groups[1].Value.Trim());
            objects.Add(values);
        }
        if (objects.Count == 0) throw new TemKitFormatException(path, "holds no <ObjectInfo> XML block: not a TIA .emi file");
        return new TiaEmi(objects);
    }

    /// <summary>The description of the N-th .ser file (1-based), or the first when the .emi has fewer blocks.</summary>
    public IReadOnlyDictionary<string, string> For(int serNumber) => Objects[Math.Clamp(serNumber - 1, 0, Objects.Count - 1)];

    /// <summary>True for TEM diffraction ("Mode" starts with TEM and names Diffraction): the .ser calibration is then in 1/m.
    /// In STEM the projector's diffraction mode still scans a real-space image.</summary>
    public static bool IsTemDiffraction(IReadOnlyDictionary<string, string> values) =>
        values.TryGetValue("Mode", out string? mode) && mode.TrimStart().StartsWith("TEM", StringComparison.Ordinal)
        && mode.Contains("Diffraction", StringComparison.Ordinal);

    public static double? Number(IReadOnlyDictionary<string, string> values, string label) =>
        values.TryGetValue(label, out string? v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? d : null;

    [GeneratedRegex("<ObjectInfo>.*?</ObjectInfo>", RegexOptions.Singleline)]
    private static partial Regex ObjectInfo();

    [GeneratedRegex(@"<Label>([^<]*)</Label>\s*<Value>([^<]*)</Value>")]
    private static partial Regex LabelValue();

    [GeneratedRegex("<AcquireDate>([^<]*)</AcquireDate>")]
    private static partial Regex AcquireDate();
}
