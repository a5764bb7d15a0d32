using System.CommandLine;
using TemKit.Cli.Infrastructure;

namespace TemKit.Tests.Cli;

/// <summary>
/// One spelling per quantity on the command line (session 9): lengths end in -angstrom (not -A: `defocus` took
/// --min-defocus-A while `simulate fringe-dataset` took --min-defocus-angstrom), doses in -e-per-A2, sizes in -px,
/// angles in -deg, Slurm memory --mem as sbatch spells it. The old spellings stay as hidden aliases, so scripts keep working.
/// </summary>
[Collection("cli")]
public sealed class OptionSpellingTests
{
    private static IEnumerable<(string Path, Option Option)> VisibleOptions(Command command, string path)
    {
        foreach (var option in command.Options.Where(o => !o.Hidden)) yield return (path, option);
        foreach (var sub in command.Subcommands)
            foreach (var item in VisibleOptions(sub, $"{path} {sub.Name}".Trim())) yield return item;
    }

    [Fact]
    public void NoDocumentedOptionSpellsAUnitTheOldWay()
    {
        var offenders = VisibleOptions(CommandCatalog.BuildRoot(), "")
            .Where(x => x.Option.Name.EndsWith("-A", StringComparison.Ordinal) || x.Option.Name is "--size" or "--dose" or "--tilt-axis" or "--memory"
                        || x.Option.Name.StartsWith("--dose-min", StringComparison.Ordinal) || x.Option.Name.StartsWith("--dose-max", StringComparison.Ordinal))
            .Select(x => $"{x.Path} {x.Option.Name}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("; ", offenders));
    }

    [Fact]
    public void OldSpellingsStillWorkAndGiveTheSameData()
    {
        using var dir = new TempFolder();
        string[] common = ["--count", "2", "--seed", "4", "--pixel-size-angstrom", "1"];
        Assert.Equal(0, CliRunner.Run(["defocus-simulate", "-o", dir["old"], "--size", "96", "--min-defocus-A", "9000", "--max-defocus-A", "12000", "--max-astigmatism", "0.02", "--dose", "30", .. common]).ExitCode);
        Assert.Equal(0, CliRunner.Run(["defocus-simulate", "-o", dir["new"], "--size-px", "96", "--min-defocus-angstrom", "9000", "--max-defocus-angstrom", "12000", "--max-astigmatism-fraction", "0.02", "--dose-e-per-A2", "30", .. common]).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(dir["old"], "truth.csv")).Replace(dir["old"], "DIR", StringComparison.Ordinal),
                     File.ReadAllText(Path.Combine(dir["new"], "truth.csv")).Replace(dir["new"], "DIR", StringComparison.Ordinal));
        // The pixels (the header's label carries the time of writing).
        var before = TemKit.IO.Mrc.MrcFile.Read(Path.Combine(dir["old"], "micrograph_000.mrc"));
        var after = TemKit.IO.Mrc.MrcFile.Read(Path.Combine(dir["new"], "micrograph_000.mrc"));
        Assert.True(before.Frame(0).SequenceEqual(after.Frame(0)));
        Assert.Equal(before.VoxelSize.XAngstrom, after.VoxelSize.XAngstrom, 9);
        var (code, help, _) = CliRunner.Run("defocus", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--min-defocus-angstrom", help);
        Assert.DoesNotContain("--min-defocus-A ", help);
    }
}
