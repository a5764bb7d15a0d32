using System.Diagnostics;
using System.Text.Json;

namespace TemKit.Bench.Infrastructure;

/// <summary>What the benchmarks that start other processes (TemKit's CLI, Python peers) share: the repository root and
/// running a command that prints a JSON line.</summary>
internal static class PeerProcess
{
    /// <summary>The folder holding TemKit.slnx above the benchmark's binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TemKit.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (TemKit.slnx) above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs <paramref name="exe"/> in <paramref name="root"/> with <paramref name="environment"/> set and returns
    /// the last JSON line it printed; throws when it fails.</summary>
    public static JsonElement RunJson(string root, string exe, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(exe) { WorkingDirectory = root, RedirectStandardOutput = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {exe}");
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} {string.Join(' ', psi.ArgumentList)} exited with {p.ExitCode}");
        string line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.TrimStart().StartsWith('{'));
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
