namespace TemKit.Tests;

/// <summary>
/// Locates the third-party test files in <c>../shared/data</c> beside the repository (real files from other programs,
/// read where they are and never copied into the repository). Where the folder is absent (a user's clone) the tests
/// that need it report themselves skipped; with <c>TEMKIT_REQUIRE_FIXTURES=1</c> (CI) they fail instead.
/// <c>TEMKIT_SHARED_DATA</c> overrides the location.
/// </summary>
internal static class SharedData
{
    /// <summary>Name given to theory rows when the data is absent, so a theory still has one (skipped) case.</summary>
    public const string Absent = "(shared data absent)";

    /// <summary>The <c>shared/data</c> folder, or null when it cannot be found.</summary>
    public static string? Root { get; } = Find();

    /// <summary>True when CI demands the data (<c>TEMKIT_REQUIRE_FIXTURES=1</c>).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("TEMKIT_REQUIRE_FIXTURES") == "1";

    /// <summary>True when the data folder exists.</summary>
    public static bool Available => Root is not null;

    /// <summary>The path of a file below <c>shared/data</c>; skips (or, when required, fails) the test if absent.</summary>
    public static string File(params string[] parts)
    {
        EnsureAvailable();
        return Path.Combine([Root!, .. parts]);
    }

    /// <summary>Skips the calling test when the data is absent, or fails it when the data is required.</summary>
    public static void EnsureAvailable()
    {
        if (Root is not null) return;
        const string why = "../shared/data (third-party test files) not found beside the repository";
        if (Required) throw new Xunit.Sdk.XunitException(why + ", and TEMKIT_REQUIRE_FIXTURES=1");
        Skip.If(true, why);
    }

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable("TEMKIT_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!System.IO.File.Exists(Path.Combine(dir.FullName, "TemKit.slnx"))) continue;
            string candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            return Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
        }
        return null;
    }
}
