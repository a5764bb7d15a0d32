using System.Diagnostics;

namespace TemKit.Tests.Cli;

/// <summary>Runs the CLI as a separate process (<c>dotnet TemKit.Cli.dll ARGS</c> from the test output), for tests that
/// need two real processes or a kill -9.</summary>
internal static class CliProcess
{
    /// <summary>The CLI assembly copied next to the tests.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "TemKit.Cli.dll");

    /// <summary>Starts the CLI with redirected output (the caller waits or kills).</summary>
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (string a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    /// <summary>Runs the CLI to the end (at most two minutes) and returns its exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var p = Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"temkit {string.Join(' ', args)} did not finish in 2 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
