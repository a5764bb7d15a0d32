using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using TemKit.Numerics;

namespace TemKit.Cli.Infrastructure;

/// <summary>
/// The one mechanism that validates numeric options at parse time: every numeric option of every command declares its
/// range with <see cref="Within{T}"/> (usually a <see cref="Limits"/> of the library's parameter records, e.g.
/// <c>OpticsLimits.VoltageKilovolts</c>) or, for a seed, <see cref="AnyValue{T}"/>. A refused value (NaN, ±∞, out of
/// range) is a parse error naming the option, its value and the valid range with units ("--voltage-kv NaN: must be a
/// finite number in (0, 3000] kV"): exit code 2 before the command runs, so nothing is written. The misuse table test
/// walks every command's options and fails for a numeric option without a declared range.
/// </summary>
internal static class OptionLimits
{
    private static readonly ConditionalWeakTable<Option, OptionRange> s_ranges = new();

    /// <summary>Refuses, at parse time, a value of <paramref name="option"/> outside <paramref name="limits"/>.</summary>
    public static Option<T> Within<T>(this Option<T> option, Limits limits)
    {
        s_ranges.AddOrUpdate(option, new OptionRange(limits, AnyValue: false));
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                // A token that is not a number at all is reported by the parser itself ("as a whole number").
                if (!double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) continue;
                if (!limits.Allows(value)) result.AddError($"{option.Name} {token.Value}: {limits.Requirement}");
            }
        });
        return option;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> counted in <paramref name="unit"/>
    /// (e.g. "px", "images").</summary>
    public static Option<T> Whole<T>(this Option<T> option, double min, double max, string unit) => option.Within(new Limits(min, max, unit, Whole: true));

    /// <summary>Declares that every value of the option's type is meaningful (a random seed).</summary>
    public static Option<T> AnyValue<T>(this Option<T> option)
    {
        s_ranges.AddOrUpdate(option, new OptionRange(new Limits(double.MinValue, double.MaxValue, ""), AnyValue: true));
        return option;
    }

    /// <summary>True for the messages <see cref="Within{T}"/> reports ("--name value: must be a … number in …"), which
    /// say what is expected and need no pointer to --help.</summary>
    public static bool IsRangeMessage(string message) =>
        System.Text.RegularExpressions.Regex.IsMatch(message, @"^--[\w-]+ \S+: must be a (finite|whole) number in ");

    /// <summary>The range declared for <paramref name="option"/>, or null when none was.</summary>
    public static OptionRange? RangeOf(Option option) => s_ranges.TryGetValue(option, out var range) ? range : null;

    /// <summary>True for the value types the rule applies to (int, long, float, double and their nullable forms).</summary>
    public static bool IsNumeric(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        return type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float);
    }
}

/// <summary>The declared range of a numeric option.</summary>
/// <param name="Limits">Values allowed.</param>
/// <param name="AnyValue">Every value of the type is allowed (seeds).</param>
internal sealed record OptionRange(Limits Limits, bool AnyValue);
