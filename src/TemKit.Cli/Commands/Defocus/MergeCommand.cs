using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.ParticleAnalysis;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>`temkit merge RUN`: merges RUN/shards/* of a sharded defocus run into RUN/results.csv, junctures and report,
/// or the parts of a sharded particles run into its tables, selection and report.</summary>
internal sealed class MergeCommand : ICliCommand
{
    public Command Build()
    {
        var run = new Argument<string>("run") { Description = "Run folder of `temkit defocus --shard` (shards/0..N-1) or `temkit particles --shard` (parts/)" };
        var cmd = new Command("merge", "Merge the shards of a `temkit defocus --shard` run into one results.csv, junctures and report, or of a `temkit particles --shard` run into its tables, selection and report") { run };
        cmd.SetAction(parse =>
        {
            string root = parse.GetValue(run)!;
            const string which = "give the folder a `temkit defocus --shard K/N` or `temkit particles --shard K/N` run wrote into";
            if (File.Exists(root)) throw new UsageException($"{root}: is a file; {which}");
            if (!Directory.Exists(root)) throw new UsageException($"{root}: folder not found; {which}");
            if (ParticlesRun.IsRunFolder(root)) return MergeParticles(root);
            DefocusRun.MergeSummary summary;
            try
            {
                summary = DefocusRun.Merge(root);
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException($"{e.Message}; give the folder a `temkit defocus --shard K/N -o RUN` run wrote into");
            }
            var folder = RunFolder.At(root);
            Console.WriteLine($"merged {summary.Shards} shards: {summary.Images} images, {summary.Failed} failed");
            Console.WriteLine($"results: {folder.ResultsPath}");
            Console.WriteLine($"report:  {folder.ReportPath}");
            return summary.Failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static int MergeParticles(string root)
    {
        ParticlesRunResult result;
        try
        {
            result = Console2.RunWithProgress(progress => ParticlesRun.Merge(root, progress));
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }
        int observations = result.Frames.Sum(f => f.Particles.Count);
        Console.WriteLine($"merged {result.Frames.Count} frame(s): {observations} particle observation(s), {result.Tracks.Count} track(s), {result.Kept} frame(s) kept, {result.Failed} failed");
        Console.WriteLine($"tables: {Path.Combine(root, "particles.csv")}, {Path.Combine(root, "frames.csv")}, {Path.Combine(root, "tracks.csv")}; report: {Path.Combine(root, "report.html")}");
        return result.Failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
    }
}
