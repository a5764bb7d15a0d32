using TemKit.IO;
using YamlDotNet.Core;

namespace TemKit.Simulation.Datasets;

/// <summary>
/// Reads and writes <see cref="DatasetRanges"/> as YAML with snake_case keys; every range is a two-element list
/// <c>[min, max]</c> (<c>[v]</c> or <c>[v, v]</c> for a fixed value). Keys left out keep their Table 1 defaults; unknown keys are errors.
/// </summary>
public static class DatasetRangesYaml
{
    /// <summary>Reads a ranges file; throws <see cref="TemKitFormatException"/> naming the key or line at fault.</summary>
    public static DatasetRanges Read(string path) => RangesYamlFile.Read(path, Parse, "docs/simulation.md");

    /// <summary>Parses YAML text (see the type summary); throws <see cref="YamlException"/> or <see cref="ArgumentException"/>.</summary>
    public static DatasetRanges Parse(string yaml)
    {
        var ranges = RangesYamlFile.Parse<DatasetRanges>(yaml);
        ranges.Validate();
        return ranges;
    }

    /// <summary>The YAML text of <paramref name="r"/> (every key written, in declaration order).</summary>
    public static string Format(DatasetRanges r) => RangesYamlFile.Format(r);
}
