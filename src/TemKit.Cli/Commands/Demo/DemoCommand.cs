using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using TemKit.Cli.Infrastructure;

namespace TemKit.Cli.Commands.Demo;

/// <summary>`temkit demo [-o FOLDER]`: makes synthetic data and runs TemKit's main pipelines on it.</summary>
internal sealed class DemoCommand : ICliCommand
{
    public Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Folder for everything the demo writes.", DefaultValueFactory = _ => "demo-output" };
        var quick = new Option<bool>("--quick") { Description = "Smaller data, for a run of a few seconds." };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 2026 }.AnyValue();
        var command = new Command("demo", "Make synthetic TEM data and run TemKit on it; everything goes to one folder (default ./demo-output).") { output, quick, seed };
        command.SetAction(parse =>
        {
            string root = Path.GetFullPath(OutputPaths.RequireFolder(parse.GetValue(output)!, "--output"));
            var options = new DemoOptions(parse.GetValue(seed), parse.GetValue(quick));
            var steps = typeof(IDemoStep).Assembly.GetTypes()
                .Where(t => typeof(IDemoStep).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .Select(t => (IDemoStep)Activator.CreateInstance(t)!)
                .OrderBy(s => s.Order)
                .ToList();
            int failed = 0;
            var summary = new Table().Border(TableBorder.Rounded).AddColumn("step").AddColumn("result").AddColumn("time");
            foreach (var (step, index) in steps.Select((s, i) => (s, i)))
            {
                Console2.Stdout.MarkupLine($"[bold]{index + 1}/{steps.Count} {Markup.Escape(step.Title)}[/]");
                string folder = Path.Combine(root, $"{index + 1:00}-{Slug(step.Title)}");
                var clock = Stopwatch.StartNew();
                string result;
                try
                {
                    FreshStepFolder(folder);
                    result = step.Run(folder, options);
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or IO.TemKitFormatException)
                {
                    result = $"FAILED: {e.Message}";
                    Console2.Error($"demo step '{step.Title}' failed: {e.Message}");
                    failed++;
                }
                summary.AddRow(Markup.Escape(step.Title), Markup.Escape(result), $"{clock.Elapsed.TotalSeconds:F1} s");
            }
            Console2.Stdout.Write(summary);
            Console2.MarkupLineOut($"Everything is in [bold]{Markup.Escape(root)}[/]");
            return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Marks a folder as one step of a demo run, so that the next demo run may empty it.</summary>
    internal const string StepMarker = ".temkit-demo-step";

    /// <summary>
    /// Every demo run starts each step in an empty folder, so a run never resumes or collides with one of other settings
    /// (a <c>--quick</c> run followed by a full one) and its timings are those of a fresh run. Only folders this command
    /// made (holding <see cref="StepMarker"/>) are emptied; any other non-empty folder at that path fails the step.
    /// </summary>
    internal static void FreshStepFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            if (File.Exists(Path.Combine(folder, StepMarker))) Directory.Delete(folder, recursive: true);
            else if (Directory.EnumerateFileSystemEntries(folder).Any())
                throw new IOException($"{folder} exists and was not made by 'temkit demo'; remove it or give another --output");
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, StepMarker), "made by temkit demo; the next demo run empties this folder\n");
    }

    private static string Slug(string title) =>
        new string(title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-').Replace("--", "-");
}
