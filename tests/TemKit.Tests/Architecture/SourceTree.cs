namespace TemKit.Tests.Architecture;

/// <summary>The repository's source tree, found by walking up from the test binaries to TemKit.slnx.</summary>
internal static class SourceTree
{
    public static string Root { get; } = Find();

    public static string Library => Path.Combine(Root, "src", "TemKit");

    /// <summary>Every .cs file of <paramref name="folder"/> outside bin/ and obj/.</summary>
    public static IEnumerable<string> CSharpFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TemKit.slnx"))) return dir.FullName;
        throw new InvalidOperationException("TemKit.slnx not found above " + AppContext.BaseDirectory);
    }
}
