using System.Text.Json;

namespace TemKit.Tests.Cli;

[Collection("cli")]
public class InfoCommandTests
{
    public static TheoryData<string> ValidMrcFiles()
    {
        var data = new TheoryData<string>();
        if (!SharedData.Available) { data.Add(SharedData.Absent); return data; }
        foreach (var f in Manifest("mrc").EnumerateArray().Where(f => f.GetProperty("valid").GetBoolean()))
            data.Add(f.GetProperty("file").GetString()!);
        return data;
    }

    public static TheoryData<string> BrokenMrcFiles()
    {
        var data = new TheoryData<string>();
        if (!SharedData.Available) { data.Add(SharedData.Absent); return data; }
        foreach (var f in Manifest("mrc").EnumerateArray().Where(f => !f.GetProperty("valid").GetBoolean()))
            data.Add(f.GetProperty("file").GetString()!);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ValidMrcFiles))]
    public void JsonMatchesManifest(string file)
    {
        var expected = Manifest("mrc").EnumerateArray().Single(f => f.GetProperty("file").GetString() == file);
        var (code, stdout, stderr) = CliRunner.Run("info", "--json", CliRunner.Fixtures("mrc", file));
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout.Trim());
        var actual = doc.RootElement;
        foreach (string key in new[] { "nx", "ny", "nz" })
            Assert.Equal(expected.GetProperty(key).GetInt32(), actual.GetProperty(key).GetInt32());
        Assert.Equal(expected.GetProperty("dtype").GetString(), actual.GetProperty("dtype").GetString());
        var voxel = actual.GetProperty("voxel_size_A").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var voxelExpected = expected.GetProperty("voxel_size_A").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(voxelExpected[i], voxel[i], 4);
        foreach (string key in new[] { "min", "max", "mean", "sum", "first", "last" })
        {
            double e = expected.GetProperty(key).GetDouble(), a = actual.GetProperty(key).GetDouble();
            Assert.True(Math.Abs(e - a) <= 1e-5 * Math.Max(1, Math.Abs(e)), $"{file} {key}: expected {e}, got {a}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(BrokenMrcFiles))]
    public void BrokenFileGivesOneLineNamingItAndExitCode1(string file)
    {
        var (code, stdout, stderr) = CliRunner.Run("info", CliRunner.Fixtures("mrc", file));
        Assert.Equal(1, code);
        Assert.Equal("", stdout.Trim());
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(file, lines[0]);
    }

    [SkippableFact]
    public void BatchWithOneBadFileReportsTheGoodOnesAndExits1()
    {
        var (code, stdout, stderr) = CliRunner.Run("info", "--json",
            CliRunner.Fixtures("mrc", "mode2_float32_128.mrc"), CliRunner.Fixtures("mrc", "bad_mode99.mrc"), CliRunner.Fixtures("mrc", "mode1_int16_33x17.mrc"));
        Assert.Equal(1, code);
        Assert.Equal(2, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("bad_mode99.mrc: unsupported MRC mode 99", stderr);
    }

    [SkippableFact]
    public void UnknownOptionIsAUsageErrorWithExitCode2()
    {
        var (code, _, stderr) = CliRunner.Run("info", "--no-such-option", "x.mrc");
        Assert.Equal(2, code);
        Assert.Contains("--no-such-option", stderr);
    }

    [SkippableFact]
    public void MissingFileIsReportedAndExits1()
    {
        var (code, _, stderr) = CliRunner.Run("info", "/nonexistent/none.mrc");
        Assert.Equal(1, code);
        Assert.Contains("none.mrc", stderr);
    }

    private static JsonElement Manifest(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(CliRunner.Fixtures(folder, "manifest.json")));
        return doc.RootElement.GetProperty("files").Clone();
    }
}
