using System.Diagnostics;

namespace TemKit.Bench.Infrastructure;

/// <summary>Median-of-N wall-clock timing and peak working set, for side-by-side benchmarks.</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="repeats"/> times; returns the median seconds.</summary>
    public static double MedianSeconds(Action action, int repeats = 5, int warmup = 1)
    {
        for (int i = 0; i < warmup; i++) action();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }

    /// <summary>Peak resident memory of this process so far, in MiB.</summary>
    public static double PeakMiB()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
