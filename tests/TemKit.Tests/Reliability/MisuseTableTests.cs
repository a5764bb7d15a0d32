using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Tests.Cli;
using Xunit.Abstractions;

namespace TemKit.Tests.Reliability;

/// <summary>
/// Issue 18.4/7, kept so: every command × every numeric option × {NaN, ±∞, negative, zero, absurdly large}. A value
/// outside the option's declared range exits with code 2, one error line naming the option, and writes nothing. The
/// table is generated from the commands' own option definitions, so a new option is covered without editing the test.
/// </summary>
[Collection("cli")]
public sealed class MisuseTableTests : IDisposable
{
    private static readonly string[] s_doubleValues = ["NaN", "Infinity", "-Infinity", "-1", "0", "1e300", "1e400"];
    private static readonly string[] s_intValues = ["NaN", "-1", "0", "2147483647", "1e3"];
    private static readonly string[] s_longValues = ["NaN", "-1", "0", "9223372036854775807"];

    private readonly TempFolder _dir = new();
    private readonly ITestOutputHelper _output;

    public MisuseTableTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    /// <summary>Every leaf command with its path of names, e.g. ["simulate", "particle"].</summary>
    internal static IEnumerable<(string[] Path, Command Command)> Leaves(Command command, string[] path)
    {
        if (command.Action is not null) yield return (path, command);
        foreach (var sub in command.Subcommands)
            foreach (var leaf in Leaves(sub, [.. path, sub.Name])) yield return leaf;
    }

    private static IEnumerable<(string[] Path, Command Command, Option Option)> NumericOptions() =>
        Leaves(CommandCatalog.BuildRoot(), []).SelectMany(l => l.Command.Options.Where(OptionLimits.IsNumeric).Select(o => (l.Path, l.Command, o)));

    [Fact]
    public void EveryNumericOptionOfEveryCommandDeclaresItsRange()
    {
        var options = NumericOptions().ToList();
        Assert.True(options.Count > 60, $"only {options.Count} numeric options found");
        var missing = options.Where(o => OptionLimits.RangeOf(o.Option) is null).Select(o => $"{string.Join(' ', o.Path)} {o.Option.Name}").ToList();
        Assert.True(missing.Count == 0, "numeric options without a declared range: " + string.Join(", ", missing));
        var unbounded = options.Where(o => OptionLimits.RangeOf(o.Option) is { AnyValue: false } r && (r.Limits.Allows(1e300) || r.Limits.Allows(int.MaxValue)))
            .Select(o => $"{string.Join(' ', o.Path)} {o.Option.Name}").ToList();
        Assert.True(unbounded.Count == 0, "numeric options accepting absurdly large values: " + string.Join(", ", unbounded));
    }

    [Fact]
    public void EveryRefusedValueExitsWithCode2AndOneLineNamingTheOptionAndWritesNothing()
    {
        var failures = new List<string>();
        int cases = 0;
        foreach (var (path, command, option) in NumericOptions())
        {
            var range = OptionLimits.RangeOf(option);
            if (range is null) continue; // listed by EveryNumericOptionOfEveryCommandDeclaresItsRange (running it could start real work)
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            string[] values = type == typeof(int) ? s_intValues : type == typeof(long) ? s_longValues : s_doubleValues;
            foreach (string value in values)
            {
                bool isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v);
                bool parsesAsType = type == typeof(int) ? int.TryParse(value, CultureInfo.InvariantCulture, out _)
                    : type == typeof(long) ? long.TryParse(value, CultureInfo.InvariantCulture, out _) : isNumber;
                if (parsesAsType && range is not null && (range.AnyValue || range.Limits.Allows(v))) continue; // a valid value
                cases++;
                string where = Path.Combine(_dir.Root, $"case{cases}");
                Directory.CreateDirectory(where);
                var args = Arguments(path, command, option, where).Concat([option.Name, value]).ToArray();
                var (code, _, stderr) = CliRunner.Run(args);
                var errors = stderr.Split('\n').Where(l => l.StartsWith("temkit:", StringComparison.Ordinal)).ToList();
                string label = $"temkit {string.Join(' ', path)} {option.Name} {value}";
                if (code != 2) failures.Add($"{label}: exit {code} ({stderr.Trim()})");
                else if (errors.Count != 1 || !errors[0].Contains(option.Name, StringComparison.Ordinal)) failures.Add($"{label}: stderr {stderr.Trim()}");
                else if (Directory.EnumerateFileSystemEntries(where, "*", SearchOption.AllDirectories).Any()) failures.Add($"{label}: wrote files");
            }
        }
        _output.WriteLine($"{NumericOptions().Count()} numeric options, {cases} misuse cases");
        Assert.True(cases > 200, $"only {cases} misuse cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} misuse cases wrong:\n" + string.Join("\n", failures));
    }

    /// <summary>The command path plus placeholders for its required arguments and options (paths inside
    /// <paramref name="where"/>, numbers inside their ranges), so the value under test is the only problem.</summary>
    private static IEnumerable<string> Arguments(string[] path, Command command, Option tested, string where)
    {
        foreach (string p in path) yield return p;
        foreach (var argument in command.Arguments)
            if (argument.Arity.MinimumNumberOfValues > 0) yield return Path.Combine(where, "input.mrc");
        foreach (var option in command.Options.Where(o => o.Required && o != tested))
        {
            yield return option.Name;
            if (OptionLimits.IsNumeric(option))
            {
                var limits = OptionLimits.RangeOf(option)!.Limits;
                yield return (limits.Allows(1) ? 1 : limits.Min).ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                yield return option.Name is "--x" or "--y" ? "a" : Path.Combine(where, "output");
            }
        }
    }
}
