using System.CommandLine;

namespace TemKit.Cli.Infrastructure;

/// <summary>
/// An option with one documented spelling and older spellings that still work but are hidden from --help, so scripts
/// written against an earlier TemKit keep running.
/// </summary>
internal sealed class AliasedOption<T>
{
    public AliasedOption(Option<T> option, IEnumerable<string> legacyNames)
    {
        Option = option;
        Legacy = [.. legacyNames.Select(n => new Option<T>(n) { Hidden = true, Description = $"old spelling of {option.Name}" })];
    }

    /// <summary>The documented option.</summary>
    public Option<T> Option { get; }

    /// <summary>The hidden older spellings.</summary>
    public IReadOnlyList<Option<T>> Legacy { get; }

    /// <summary>The documented name, e.g. "--pixel-size-angstrom" (for messages).</summary>
    public string Name => Option.Name;

    /// <summary>Adds the option and its hidden spellings to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Option);
        foreach (var legacy in Legacy) command.Options.Add(legacy);
    }

    /// <summary>Adds only the hidden old spellings (the documented option is listed in the command's initializer).</summary>
    public void AddLegacyTo(Command command)
    {
        foreach (var legacy in Legacy) command.Options.Add(legacy);
    }

    /// <summary>Declares the option's valid range on the documented spelling and on every old one.</summary>
    public AliasedOption<T> Within(TemKit.Numerics.Limits limits)
    {
        Option.Within(limits);
        foreach (var legacy in Legacy) legacy.Within(limits);
        return this;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> in <paramref name="unit"/>, on every spelling.</summary>
    public AliasedOption<T> Whole(double min, double max, string unit) => Within(new TemKit.Numerics.Limits(min, max, unit, Whole: true));

    /// <summary>The value given under the documented name, else under an old one, else the default.</summary>
    public T Get(ParseResult parse)
    {
        if (parse.GetResult(Option) is { Implicit: false }) return parse.GetValue(Option)!;
        foreach (var legacy in Legacy)
            if (parse.GetResult(legacy) is { Implicit: false }) return parse.GetValue(legacy)!;
        return parse.GetValue(Option)!;
    }
}

/// <summary>The options every command spells the same way: one <c>--pixel-size-angstrom</c>, one <c>--tile-size-px</c>.</summary>
internal static class SharedOptions
{
    /// <summary>--pixel-size-angstrom (Å/px), optional; <paramref name="legacy"/> are the hidden old spellings.</summary>
    public static AliasedOption<double?> PixelSizeAngstrom(string description, params string[] legacy) =>
        new(new Option<double?>("--pixel-size-angstrom") { Description = description }, legacy);

    /// <summary>--pixel-size-angstrom (Å/px) with a default.</summary>
    public static AliasedOption<double> PixelSizeAngstrom(string description, double defaultValue, params string[] legacy) =>
        new(new Option<double>("--pixel-size-angstrom") { Description = description, DefaultValueFactory = _ => defaultValue }, legacy);

    /// <summary><paramref name="option"/> under its documented name, with <paramref name="legacy"/> as hidden old spellings
    /// (an option renamed to the project's one spelling per quantity, e.g. --min-defocus-A to --min-defocus-angstrom).</summary>
    public static AliasedOption<T> Renamed<T>(Option<T> option, params string[] legacy) => new(option, legacy);

    /// <summary>--tile-size-px (px) with a default.</summary>
    public static AliasedOption<int> TileSizePx(string description, int defaultValue, params string[] legacy) =>
        new(new Option<int>("--tile-size-px") { Description = description, DefaultValueFactory = _ => defaultValue }, legacy);
}
