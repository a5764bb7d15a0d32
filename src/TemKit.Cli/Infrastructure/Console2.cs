using Spectre.Console;
using TemKit.Pipelines;

namespace TemKit.Cli.Infrastructure;

/// <summary>Console helpers shared by commands: one-line errors on stderr, progress bars on stderr.</summary>
internal static class Console2
{
    private static readonly object s_lock = new();

    /// <summary>Prints one line "temkit: message" to stderr.</summary>
    public static void Error(string message)
    {
        lock (s_lock) Console.Error.WriteLine($"temkit: {OneLine(message)}");
    }

    /// <summary>Prints a warning line to stderr.</summary>
    public static void Warn(string message)
    {
        lock (s_lock) Console.Error.WriteLine($"temkit: warning: {OneLine(message)}");
    }

    /// <summary>Longest message printed; a longer one (e.g. a corrupt tag name) is cut with an ellipsis.</summary>
    internal const int MaxMessageLength = 400;

    /// <summary>
    /// Folds a message onto one line: line breaks become "; ", other control characters "?", and anything
    /// past <see cref="MaxMessageLength"/> characters is cut, so every problem stays one readable line.
    /// </summary>
    internal static string OneLine(string message)
    {
        var text = new System.Text.StringBuilder(Math.Min(message.Length, MaxMessageLength + 1));
        foreach (string line in message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (text.Length > 0) text.Append("; ");
            foreach (char c in line) text.Append(char.IsControl(c) ? '?' : c);
            if (text.Length > MaxMessageLength) break;
        }
        return text.Length > MaxMessageLength ? string.Concat(text.ToString(0, MaxMessageLength), "…") : text.ToString();
    }

    /// <summary>
    /// One line of text on stderr (an epoch's losses, a result): as it is, never wrapped, when stderr is a log file or a
    /// pipe (a Spectre console there wraps at 80 columns); through the Spectre console, above a live progress display,
    /// on a terminal.
    /// </summary>
    public static void ErrorLine(string text)
    {
        if (Console.IsErrorRedirected)
        {
            lock (s_lock) Console.Error.WriteLine(text);
        }
        else
        {
            Stderr.WriteLine(text);
        }
    }

    /// <summary>One line of Spectre markup on stdout: styled on a terminal; its plain text, never wrapped, when stdout is a
    /// log file or a pipe.</summary>
    public static void MarkupLineOut(string markup)
    {
        if (Console.IsOutputRedirected) Console.Out.WriteLine(Markup.Remove(markup));
        else Stdout.MarkupLine(markup);
    }

    /// <summary>A Spectre console writing to stderr, so stdout stays clean for tables and JSON.</summary>
    public static IAnsiConsole Stderr => Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>A Spectre console on the current stdout: colour and styles only when stdout is a terminal. Made per
    /// call, so a redirected Console.Out (tests, notebooks) is honoured.</summary>
    public static IAnsiConsole Stdout => Create(Console.Out, Console.IsOutputRedirected);

    /// <summary>
    /// A Spectre console on <paramref name="writer"/>; when it is not a terminal (<paramref name="redirected"/>, a log
    /// file or a pipe) or NO_COLOR is set, no escape codes at all: plain text that reads the same in any log.
    /// </summary>
    internal static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        bool plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar (description, count, percentage, ETA) on stderr when stderr is
    /// a terminal; otherwise (a log file, a Slurm job) with plain progress lines on stderr, one per 10 % or per minute
    /// (<see cref="PlainProgress"/>). <paramref name="work"/> receives a callback to advance by one item.
    /// </summary>
    public static void WithProgress(string description, int total, Action<Action> work)
    {
        if (total <= 1)
        {
            work(() => { });
            return;
        }
        if (Console.IsErrorRedirected)
        {
            var plain = new PlainProgress(description, total, Console.Error);
            work(plain.Advance);
            return;
        }
        Stderr.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(description, maxValue: total);
                work(() => task.Increment(1));
            });
    }

    /// <summary>
    /// Runs a library job with a progress bar per <see cref="JobProgress.Stage"/> on stderr when stderr is a terminal;
    /// otherwise with plain progress lines per stage (<see cref="PlainProgress"/>). <paramref name="job"/> receives the
    /// <see cref="IProgress{T}"/> to hand to the job.
    /// </summary>
    public static T RunWithProgress<T>(Func<IProgress<JobProgress>, T> job)
    {
        if (Console.IsErrorRedirected) return job(new Lines());
        T result = default!;
        Stderr.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => result = job(new Bars(ctx)));
        return result;
    }

    /// <summary>Plain progress lines on stderr, one <see cref="PlainProgress"/> per stage.</summary>
    private sealed class Lines : IProgress<JobProgress>
    {
        private readonly Dictionary<string, PlainProgress> _stages = new();

        public void Report(JobProgress value)
        {
            PlainProgress? stage;
            lock (_stages)
            {
                if (value.Total <= 1) return;
                if (!_stages.TryGetValue(value.Stage, out stage)) _stages[value.Stage] = stage = new PlainProgress(value.Stage, value.Total, Console.Error);
            }
            stage.Report(value.Done);
        }
    }

    /// <summary>Reports synchronously (unlike <see cref="Progress{T}"/>, which posts to a thread-pool context).</summary>
    private sealed class Bars(ProgressContext context) : IProgress<JobProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new();

        public void Report(JobProgress value)
        {
            lock (_tasks)
            {
                if (value.Total <= 1) return;
                if (!_tasks.TryGetValue(value.Stage, out var task))
                    _tasks[value.Stage] = task = context.AddTask(value.Stage, maxValue: value.Total);
                task.Value = value.Done;
            }
        }
    }
}
