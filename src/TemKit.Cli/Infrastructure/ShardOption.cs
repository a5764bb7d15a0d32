using TemKit.Pipelines.Defocus;

namespace TemKit.Cli.Infrastructure;

/// <summary>The one spelling of <c>--shard K/N</c> for every command that splits its work over a Slurm job array: K counts
/// from 0 (SLURM_ARRAY_TASK_ID of an array 0..N-1), N ≥ 1; a bad value is a usage error naming it.</summary>
internal static class ShardOption
{
    /// <summary>(K, N) from "K/N"; (0, 1) when the option was not given.</summary>
    public static (int K, int N) Parse(string? text)
    {
        if (text is null) return (0, 1);
        try
        {
            return Shards.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
