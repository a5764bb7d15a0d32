using TemKit.IO;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TemKit.Simulation.Datasets;

/// <summary>
/// What every dataset-ranges YAML reader shares: snake_case keys deserialised onto a DTO with nullable members (absent keys
/// keep their defaults, unknown keys are errors), and one error line naming the file and the line or key at fault.
/// </summary>
internal static class RangesYamlFile
{
    /// <summary>Deserialises <paramref name="yaml"/> onto a new <typeparamref name="TDto"/> (an empty text gives the defaults).</summary>
    public static TDto Deserialize<TDto>(string yaml) where TDto : class, new() =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<TDto?>(yaml) ?? new TDto();

    /// <summary>Reads <paramref name="path"/> and parses it; throws <see cref="TemKitFormatException"/> naming the file and
    /// the line or key at fault (<paramref name="docPage"/> is named when the text is not a mapping of ranges).</summary>
    public static T Read<T>(string path, Func<string, T> parse, string docPage)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (FileNotFoundException) { throw new TemKitFormatException(path, "file not found"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new TemKitFormatException(path, $"cannot read: {e.Message}"); }
        try
        {
            return parse(text);
        }
        catch (YamlException e)
        {
            string inner = e.InnerException is InvalidCastException
                ? $"expected a mapping of parameter names to [min, max] ranges (see {docPage})"
                : e.InnerException?.Message ?? e.Message;
            throw new TemKitFormatException(path, $"line {e.Start.Line}: {inner}");
        }
        catch (ArgumentException e)
        {
            throw new TemKitFormatException(path, e.Message);
        }
    }
}
