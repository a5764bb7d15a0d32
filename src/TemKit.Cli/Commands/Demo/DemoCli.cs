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

    /// <summary>models/<paramref name="fileName"/> in the repository above the CLI's binaries or the working folder.</summary>
    public static string ShippedModel(string fileName)
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "models", fileName);
                if (File.Exists(candidate)) return candidate;
            }
        throw new InvalidOperationException($"models/{fileName} not found above the temkit binaries or the working folder (run the demo from a TemKit checkout)");
    }
}
