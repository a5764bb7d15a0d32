using System.Diagnostics;
using System.Globalization;

namespace TemKit.Cli.Infrastructure;

/// <summary>
/// Progress for logs (stderr not a terminal, e.g. a Slurm job): one plain line each time another
/// <see cref="StepPercent"/> % of the items is done or a minute has passed since the last line, and always a last line;
/// no escape codes, no carriage returns. Thread-safe.
/// </summary>
internal sealed class PlainProgress
{
    /// <summary>A line is printed at every multiple of this percentage.</summary>
    public const int StepPercent = 10;

    private readonly string _description;
    private readonly int _total;
    private readonly TextWriter _writer;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _lock = new();
    private int _done;
    private int _lastStep;
    private TimeSpan _lastLine;

    /// <summary>Progress over <paramref name="total"/> items, written to <paramref name="writer"/>.</summary>
    public PlainProgress(string description, int total, TextWriter writer)
    {
        _description = description;
        _total = Math.Max(1, total);
        _writer = writer;
    }

    /// <summary>Marks one more item done and prints a line when due.</summary>
    public void Advance()
    {
        lock (_lock)
        {
            _done++;
            int step = (int)((long)_done * 100 / _total) / StepPercent;
            var now = _clock.Elapsed;
            if (step <= _lastStep && _done < _total && now - _lastLine < TimeSpan.FromMinutes(1)) return;
            _lastStep = step;
            _lastLine = now;
            double left = _done > 0 ? now.TotalSeconds * (_total - _done) / _done : double.NaN;
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{_description}: {_done}/{_total} ({100.0 * _done / _total:F0} %), {Clock(now.TotalSeconds)} elapsed, about {Clock(left)} left"));
            _writer.Flush();
        }
    }

    private static string Clock(double seconds) =>
        double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(seconds >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "?";
}
