using System.Globalization;
using TemKit.Cli.Infrastructure;

namespace TemKit.Cli.Commands.Detector;

/// <summary>A number or a range "lo:hi" given on the command line.</summary>
internal readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>Parses "v" or "lo:hi"; a bad value is a usage error naming <paramref name="option"/>.</summary>
    public static ValueRange Parse(string text, string option)
    {
        string[] parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2) throw new UsageException($"{option} {text}: expected a number or lo:hi");
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new UsageException($"{option} {text}: '{parts[i]}' is not a number");
        var range = new ValueRange(values[0], values[^1]);
        if (range.Min > range.Max) throw new UsageException($"{option} {text}: the range is reversed");
        return range;
    }
}
