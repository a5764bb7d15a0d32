using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.Defocus;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>`temkit merge RUN`: merges RUN/shards/* of a sharded defocus run into RUN/results.csv, junctures and report.</summary>
internal sealed class MergeCommand : ICliCommand
{
    public Command Build()
    {
        var run = new Argument<string>("run") { Description = "Run folder holding shards/0..N-1" };
        var cmd = new Command("merge", "Merge the shards of a `temkit defocus --shard` run into one results.csv, junctures and report") { run };
        cmd.SetAction(parse =>
        {
            string root = parse.GetValue(run)!;
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
}
