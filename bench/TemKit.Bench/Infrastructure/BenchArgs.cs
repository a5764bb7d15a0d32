using System.Globalization;
using System.Text.Json;

namespace TemKit.Bench.Infrastructure;

/// <summary>What the benchmarks share around their runs: `--name value` arguments, the machine's load average and the
/// median of a field over JSON results.</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or <paramref name="fallback"/>.</summary>
    public static string Value(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Int(string[] args, string name, int fallback) =>
        int.Parse(Value(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>The 1, 5 and 15 minute load averages ("unknown" off Linux).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Median of the number <paramref name="field"/> over <paramref name="runs"/> (NaN when there are none).</summary>
    public static double Median(IEnumerable<JsonElement> runs, string field)
    {
        var v = runs.Select(j => j.GetProperty(field).GetDouble()).Order().ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }
}
