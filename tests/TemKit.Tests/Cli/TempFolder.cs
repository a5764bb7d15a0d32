namespace TemKit.Tests.Cli;

/// <summary>A fresh folder under the system temp folder, deleted on dispose; lists leftover temporary files.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "temkit-qa-" + Guid.NewGuid().ToString("N"));

    public string this[string name] => Path.Combine(Root, name);

    /// <summary>Files AtomicFile would leave behind if a write was interrupted (".name.pid.guid.tmp").</summary>
    public string[] TempFiles() => Directory.EnumerateFiles(Root, "*.tmp", SearchOption.AllDirectories).ToArray();

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
