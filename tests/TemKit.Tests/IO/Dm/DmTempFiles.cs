namespace TemKit.Tests.IO.Dm;

/// <summary>A temporary folder for files built by a test class; deleted on dispose.</summary>
public sealed class DmTempFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("temkit-dm-tests-").FullName;

    public string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
