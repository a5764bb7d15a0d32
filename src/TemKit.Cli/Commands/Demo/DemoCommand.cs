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
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 2026 };
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
                Directory.CreateDirectory(folder);
                var clock = Stopwatch.StartNew();
                string result;
                try
                {
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
            Console2.Stdout.MarkupLine($"Everything is in [bold]{Markup.Escape(root)}[/]");
            return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static string Slug(string title) =>
        new string(title.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-').Replace("--", "-");
}
