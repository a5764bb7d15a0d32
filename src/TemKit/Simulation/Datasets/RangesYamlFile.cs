using System.Globalization;
using System.Reflection;
using System.Text;
using TemKit.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TemKit.Simulation.Datasets;

/// <summary>
/// What every dataset-ranges YAML file shares: snake_case keys, ranges written as <c>[min, max]</c> (<c>[v]</c> for a
/// fixed value), absent keys keeping their defaults, unknown keys being errors, and one error line naming the file and
/// the line or key at fault. A ranges record whose public properties are exactly its YAML keys is read and written
/// directly (<see cref="Parse{T}"/>, <see cref="Format{T}"/>); irregular files deserialise onto their own DTO
/// (<see cref="Deserialize{TDto}"/>).
/// </summary>
internal static class RangesYamlFile
{
    /// <summary>Deserialises <paramref name="yaml"/> onto a new <typeparamref name="TDto"/> (an empty text gives the defaults).</summary>
    public static TDto Deserialize<TDto>(string yaml) where TDto : class, new() =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithTypeConverter(new RangeConverter()).Build().Deserialize<TDto?>(yaml) ?? new TDto();

    /// <summary>Reads <paramref name="yaml"/> into a new <typeparamref name="T"/>: every key sets the init property of the
    /// same name (snake_case), every other property keeps its default.</summary>
    public static T Parse<T>(string yaml) where T : class, new() => Deserialize<T>(yaml);

    /// <summary>The YAML text of <paramref name="value"/>: one line per public instance property, in declaration order
    /// (doubles round-trip exactly; ranges and lists as flow sequences; null as <c>null</c>).</summary>
    public static string Format<T>(T value) where T : class
    {
        var text = new StringBuilder();
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
            text.Append(UnderscoredNamingConvention.Instance.Apply(p.Name)).Append(": ").Append(FormatValue(p.GetValue(value), p.Name)).Append('\n');
        return text.ToString();
    }

    private static string FormatValue(object? value, string name) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        ParameterRange r => FormattableString.Invariant($"[{r.Min:R}, {r.Max:R}]"),
        IEnumerable<double> list => "[" + string.Join(", ", list.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        _ => throw new NotSupportedException($"{name}: no YAML form for {value.GetType().Name}"),
    };

    /// <summary>Reads <paramref name="path"/> and parses it; throws <see cref="TemKitFormatException"/> naming the file and
    /// the line or key at fault (<paramref name="docPage"/> is named when the text is not a mapping of ranges).</summary>
    public static T Read<T>(string path, Func<string, T> parse, string docPage)
    {
        string text;
        try
        {
            TextFiles.RequireText(path, "YAML");
            text = File.ReadAllText(path);
        }
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

    /// <summary><see cref="ParameterRange"/> from <c>[min, max]</c> or <c>[value]</c>, and read-only lists of numbers
    /// (null allowed) from flow or block sequences.</summary>
    private sealed class RangeConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(ParameterRange) || type == typeof(IReadOnlyList<double>);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            var start = parser.Current?.Start ?? Mark.Empty;
            if (type == typeof(IReadOnlyList<double>) && parser.Accept<Scalar>(out var scalar) && scalar.Value is "null" or "~" or "")
            {
                parser.MoveNext();
                return null;
            }
            var values = (List<double>?)rootDeserializer(typeof(List<double>));
            if (type == typeof(IReadOnlyList<double>)) return values;
            try
            {
                return ParameterRange.FromList(values, "range") ?? throw new ArgumentException("range: expected [min, max] or [value], got null");
            }
            catch (ArgumentException e)
            {
                throw new YamlException(start, start, e.Message, e);
            }
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            throw new NotSupportedException("ranges are written by RangesYamlFile.Format");
    }
}
