using TemKit.Tests.Cli;

namespace TemKit.Tests.Reliability;

/// <summary>Issue 18.7: every message names the option or file, says what is wrong and what is expected; misuse is exit 2.</summary>
[Collection("cli")]
public sealed class MessageTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("dose-limit --help", "unknown command 'dose-limit'")]
    [InlineData("nosuch", "unknown command 'nosuch'")]
    [InlineData("defocus {in} -o {file}", "--output {file}: is a file; give a folder")]
    [InlineData("merge {file}", "{file}: is a file; give the folder")]
    [InlineData("defocus {in} -o /proc/r", "--output /proc/r: cannot create the folder (the file system does not allow creating files there)")]
    [InlineData("convert {in} /proc/r.mrc", "output /proc/r.mrc: cannot write in /proc")]
    [InlineData("noise simulate -o /proc/r.mrc --size-px 16 --frames 1", "--output /proc/r.mrc: cannot write in /proc")]
    [InlineData("simulate cluster --shape icosahedron -o /proc/c.xyz", "--output /proc/c.xyz: cannot write in /proc")]
    [InlineData("fft {in} -o /proc/x.png", "--output /proc/x.png: cannot write in /proc")]
    public void MisuseIsExitCode2WithOneLineSayingWhatIsWrong(string command, string expected)
    {
        string file = _dir["afile"], input = _dir["in.mrc"];
        File.WriteAllText(file, "not a run");
        TemKit.IO.Mrc.MrcFile.Write(input, new TemKit.Imaging.Image2D(16, 16, TemKit.Imaging.VoxelSize.Isotropic(1)));
        string[] args = command.Replace("{file}", file).Replace("{in}", input).Split(' ');
        var (code, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        string first = stderr.Split('\n')[0];
        Assert.StartsWith("temkit: ", first);
        Assert.Contains(expected.Replace("{file}", file), first);
        Assert.DoesNotContain("(Parameter '", stderr);
        Assert.DoesNotContain("Could not find file", stderr);
    }

    [Fact]
    public void AGarbageCsvToStatsSaysWhatIsWrongInCsvTerms()
    {
        string csv = _dir["bad.csv"];
        File.WriteAllText(csv, "a,b\n1,2\"x\"\n3,4\n");
        var (code, _, stderr) = CliRunner.Run("stats", csv, "--x", "a", "--y", "b");
        Assert.Equal(1, code);
        Assert.Contains("bad.csv: line 2: malformed field", stderr);
        Assert.DoesNotContain("BadDataFound", stderr);
    }

    [Fact]
    public void StatsAndSlurmRefuseToWriteOverTheirInputs()
    {
        // A results table that happens to be called stats.json in the --output folder would be replaced by the mapping.
        string folder = _dir["stats"];
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, "stats.json");
        const string table = "a,b\n1,2\n2,4.1\n3,6.2\n4,7.9\n5,10.1\n6,12\n";
        File.WriteAllText(csv, table);
        var (code, _, stderr) = CliRunner.Run("stats", csv, "--x", "a", "--y", "b", "-o", folder);
        Assert.Equal(2, code);
        Assert.Contains("is the input file", stderr);
        Assert.Equal(table, File.ReadAllText(csv));
        // An image called inputs.txt in RUN/slurm would be replaced by the list of inputs.
        string slurm = Path.Combine(_dir["run2"], "slurm");
        Directory.CreateDirectory(slurm);
        string image = Path.Combine(slurm, "inputs.txt");
        TemKit.IO.Mrc.MrcFile.Write(image, new TemKit.Imaging.Image2D(16, 16, TemKit.Imaging.VoxelSize.Isotropic(1)));
        byte[] before = File.ReadAllBytes(image);
        (code, _, stderr) = CliRunner.Run("slurm", "defocus", image, "-o", _dir["run2"], "--shards", "2", "--dry-run");
        Assert.Equal(2, code);
        Assert.Contains("is the input file", stderr);
        Assert.Equal(before, File.ReadAllBytes(image));
    }

    [Fact]
    public void SimulateParticleRefusesToWriteItsStructureOverTheXyzItReads()
    {
        string folder = _dir["run"];
        Directory.CreateDirectory(folder);
        string xyz = Path.Combine(folder, "structure.xyz");
        const string structure = "1\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3\nAu 5 5 5\n";
        File.WriteAllText(xyz, structure);
        var (code, _, stderr) = CliRunner.Run("simulate", "particle", "--xyz", xyz, "-o", folder, "--grid", "32");
        Assert.Equal(2, code);
        Assert.Contains("is the input file", stderr);
        Assert.Equal(structure, File.ReadAllText(xyz));
    }
}
