using System.Reflection;
using System.Text.Json;
using TemKit.IO;

namespace TemKit.Reporting;

/// <summary>
/// How a result was made: TemKit's version, the command line (or the caller's description of the call) and when,
/// with every setting. Recorded in each run folder (provenance.json) and at the end of each HTML report.
/// </summary>
/// <param name="TemKitVersion">Informational version of the TemKit library that made the result.</param>
/// <param name="CommandLine">The command line ("temkit defocus ...") or a notebook's description of the call.</param>
/// <param name="CreatedUtc">When the result was made (UTC).</param>
/// <param name="Settings">All settings, as a JSON object (e.g. the serialised options record).</param>
public sealed record Provenance(string TemKitVersion, string CommandLine, DateTimeOffset CreatedUtc, JsonElement Settings)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The version string of this TemKit library (assembly informational version, e.g. "0.1.0+abc123").</summary>
    public static string Version { get; } =
        typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Provenance).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>
    /// Provenance of a result made now with <paramref name="settings"/> (any record; serialised to JSON).
    /// <paramref name="commandLine"/> null = this process's command line, the program named "temkit" when it is the CLI.
    /// </summary>
    public static Provenance Now<T>(T settings, string? commandLine = null) =>
        new(Version, commandLine ?? ProcessCommandLine(), DateTimeOffset.UtcNow, JsonSerializer.SerializeToElement(settings, s_json));

    /// <summary>This process's arguments as one line, quoted where needed; argument 0 shown as "temkit" for the CLI.</summary>
    public static string ProcessCommandLine()
    {
        var args = Environment.GetCommandLineArgs();
        if (args.Length == 0) return "";
        string program = Assembly.GetEntryAssembly()?.GetName().Name == "TemKit.Cli" ? "temkit" : Path.GetFileName(args[0]);
        return string.Join(' ', new[] { program }.Concat(args.Skip(1).Select(Quote)));
    }

    /// <summary>Writes this record as indented JSON, atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, s_json));

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
