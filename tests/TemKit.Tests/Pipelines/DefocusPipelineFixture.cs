using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Defocus.Simulation;

namespace TemKit.Tests.Pipelines;

/// <summary>Four simulated 512² micrographs with known defocus and one complete single-process run over them.</summary>
public sealed class DefocusPipelineFixture : IDisposable
{
    public DefocusPipelineFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "temkit-defocus-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Truths = DefocusDataset.Generate(Path.Combine(Root, "data"), new DefocusDatasetOptions { Count = 4, SizePx = 512, Seed = 11 });
        Files = Truths.Select(t => t.File).ToList();
        Run = RunFolder.At(Path.Combine(Root, "single"));
        Summary = new DefocusRun(Run, Options, threads: 2).Run(Files);
    }

    /// <summary>Run settings used everywhere (256 px tiles so a 512² image averages 9 tiles).</summary>
    public DefocusRunOptions Options { get; } = new() { TileSizePx = 256 };

    public string Root { get; }

    public List<DefocusTruth> Truths { get; }

    public List<string> Files { get; }

    public RunFolder Run { get; }

    public RunSummary Summary { get; }

    /// <summary>A fresh copy of the single run's folder (for tests that rewrite files).</summary>
    public RunFolder CopyRun(string name)
    {
        string target = Path.Combine(Root, name);
        foreach (string file in Directory.EnumerateFiles(Run.Root, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(target, Path.GetRelativePath(Run.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        return RunFolder.At(target);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
