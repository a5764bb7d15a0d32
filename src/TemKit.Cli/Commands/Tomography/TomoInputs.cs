using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Tomography;

namespace TemKit.Cli.Commands.Tomography;

/// <summary>Options and input handling shared by the tomo commands.</summary>
internal static class TomoInputs
{
    public static Option<string?> TiltsOption() =>
        new("--tilts") { Description = "Tilt angles: a file (degrees, one per line, IMOD .rawtlt/.tlt) or FROM:TO:STEP in degrees; default: STACK.rawtlt or STACK.tlt beside the stack" };

    public static Option<int> ThreadsOption() =>
        new Option<int>("--threads") { Description = "Worker threads (0 = all cores)", DefaultValueFactory = _ => 0 }.Whole(0, 1024, "threads");

    /// <summary>The input files of a tomo command (the stack, a --tilts file or the one found beside the stack, and any
    /// other given file such as --mask), for <see cref="OutputPaths.RequireNotAnInput"/>.</summary>
    public static string[] InputFiles(string stack, string? tilts, params string?[] others)
    {
        var files = new List<string> { stack };
        if (tilts is not null && File.Exists(tilts)) files.Add(tilts);
        else if (tilts is null && TiltAngleFile.FindBeside(stack) is { } beside) files.Add(beside);
        files.AddRange(others.OfType<string>());
        return [.. files];
    }

    /// <summary>Angles from --tilts or the file beside the stack, checked against the stack's frame count.</summary>
    public static double[] Angles(string stack, string? tilts, int frameCount)
    {
        string? file = tilts ?? TiltAngleFile.FindBeside(stack);
        if (file == null) throw new UsageException($"{stack}: no tilt angles: give --tilts FILE (or FROM:TO:STEP) or put {Path.GetFileName(Path.ChangeExtension(stack, ".rawtlt"))} beside the stack");
        var angles = TomoProjectCommand.ParseTilts(file);
        TiltAngleFile.Validate(angles, frameCount, file);
        return angles;
    }

    /// <summary>Frame count of a stack, refusing a single image (not a tilt series).</summary>
    public static int FrameCount(string stack)
    {
        if (!File.Exists(stack)) throw new TemKitFormatException(stack, "file not found");
        using var source = ImageFile.Open(stack);
        if (source.FrameCount < 2) throw new TemKitFormatException(stack, $"holds {source.FrameCount} image; a tilt series needs at least 2 projections (one per section)");
        return source.FrameCount;
    }

    /// <summary>Progress lines on stderr: a bar on a terminal, else a plain line at every 10%.</summary>
    public static void WithProgress(string description, int total, Action<Action> work)
    {
        if (!Console.IsErrorRedirected)
        {
            Console2.WithProgress(description, total, work);
            return;
        }
        int done = 0, lastDecile = 0;
        object gate = new();
        work(() =>
        {
            lock (gate)
            {
                done++;
                int decile = done * 10 / Math.Max(1, total);
                if (decile > lastDecile || done == total)
                {
                    lastDecile = decile;
                    Console.Error.WriteLine($"{description}: {done}/{total}");
                }
            }
        });
    }
}
