namespace TemKit.Cli.Commands.Demo;

/// <summary>Runs temkit commands from demo steps, echoing each command line (with paths relative to the step's folder).</summary>
internal static class DemoCli
{
    public static void Run(string folder, params string[] args)
    {
        Console.WriteLine($"  $ temkit {string.Join(' ', args.Select(a => a.Replace(folder, ".")))}");
        int code = Program.Main(args);
        if (code != 0) throw new InvalidOperationException($"temkit {string.Join(' ', args.Take(2))} exited with code {code}");
    }
}
