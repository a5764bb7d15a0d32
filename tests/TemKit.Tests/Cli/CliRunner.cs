using System.Text;

namespace TemKit.Tests.Cli;

/// <summary>Runs the temkit CLI in-process with captured stdout/stderr. Tests using it share one collection,
/// because Console redirection is process-wide.</summary>
internal static class CliRunner
{
    private static readonly object s_lock = new();

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        lock (s_lock)
        {
            var stdout = new StringWriter(new StringBuilder());
            var stderr = new StringWriter(new StringBuilder());
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            Console.SetOut(stdout);
            Console.SetError(stderr);
            try
            {
                int code = TemKit.Cli.Program.Main(args);
                return (code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }

    /// <summary>Folder of the test fixtures copied next to the test assembly.</summary>
    public static string Fixtures(params string[] parts) => SharedData.File(parts);
}

[CollectionDefinition("cli", DisableParallelization = true)]
public sealed class CliCollection;
