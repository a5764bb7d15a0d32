using System.Runtime.ExceptionServices;

namespace TemKit.Pipelines.Defocus;

/// <summary>
/// Runs a body over a list of files on dedicated threads, each with its own reused <see cref="ImageBuffer"/>.
/// Not Parallel.ForEach: the stages run parallel loops of their own, and thread-pool workers blocked in those make
/// the pool inject threads (each with fresh buffers) without end over a long batch, so the resident memory crept up by
/// megabytes per image. With more than one worker every core is busy with an image, so the kernels inside run
/// serially (<see cref="TemKit.Numerics.InnerParallelism"/>). The first exception stops the workers and is rethrown.
/// </summary>
public static class ImageWorkers
{
    /// <summary>Calls <paramref name="body"/> once per file on min(<paramref name="threads"/>, files) threads.</summary>
    public static void Run(IReadOnlyList<string> files, int threads, Action<string, ImageBuffer> body, string name = "image worker")
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(body);
        int next = -1;
        ExceptionDispatchInfo? failure = null;
        var workers = new Thread[Math.Min(Math.Max(1, threads), Math.Max(1, files.Count))];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = new Thread(() =>
            {
                var buffer = new ImageBuffer();
                using var serial = workers.Length > 1 ? TemKit.Numerics.InnerParallelism.Serial() : default;
                try
                {
                    for (int i = Interlocked.Increment(ref next); i < files.Count && Volatile.Read(ref failure) == null; i = Interlocked.Increment(ref next))
                        body(files[i], buffer);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                }
            }) { IsBackground = true, Name = $"{name} {w}" };
            workers[w].Start();
        }
        foreach (var worker in workers) worker.Join();
        failure?.Throw();
    }
}
