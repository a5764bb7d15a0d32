using TemKit.IO;
using TemKit.Simulation.Datasets;
using YamlDotNet.Core;

namespace TemKit.Simulation.FocalSeries;

/// <summary>
/// Reads and writes <see cref="FocalSeriesRanges"/> as YAML with snake_case keys, like <see cref="DatasetRangesYaml"/>:
/// ranges are <c>[min, max]</c> or <c>[value]</c>; keys left out keep their defaults; unknown keys are errors.
/// </summary>
public static class FocalSeriesRangesYaml
{
    /// <summary>Reads a ranges file; throws <see cref="TemKitFormatException"/> naming the key or line at fault.</summary>
    public static FocalSeriesRanges Read(string path) => RangesYamlFile.Read(path, Parse, "docs/species.md");

    /// <summary>Parses YAML text (see the type summary); throws <see cref="YamlException"/> or <see cref="ArgumentException"/>.</summary>
    public static FocalSeriesRanges Parse(string yaml)
    {
        var ranges = RangesYamlFile.Parse<FocalSeriesRanges>(yaml);
        ranges.Validate();
        return ranges;
    }

    /// <summary>The YAML text of <paramref name="r"/> (every key written, in declaration order).</summary>
    public static string Format(FocalSeriesRanges r) => RangesYamlFile.Format(r);
}
