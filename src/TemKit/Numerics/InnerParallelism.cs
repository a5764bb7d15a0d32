namespace TemKit.Numerics;

/// <summary>
/// A per-thread switch for the data parallelism inside kernels (FFT blocks, rows of spectrum tiles, chunks of a file
/// read). Batch workers that already keep every core busy with one image each enter <see cref="Serial"/>, so the
/// kernels they call run on their own thread instead of fanning out over cores that are busy anyway: nested parallel
/// loops there cost hand-offs and, on a loaded machine, wait for descheduled helpers. This is the model of the Python
/// peers too (one image per process, FFTs with workers=1).
/// </summary>
public static class InnerParallelism
{
    [ThreadStatic]
    private static int t_serialDepth;

    /// <summary>True while the calling thread is inside a <see cref="Serial"/> scope.</summary>
    public static bool IsSerial => t_serialDepth > 0;

    /// <summary>Kernels called on this thread run serially until the returned scope is disposed (scopes nest).</summary>
    public static Scope Serial()
    {
        t_serialDepth++;
        return new Scope(true);
    }

    /// <summary>Ends a <see cref="Serial"/> scope; <c>default</c> is a scope that changes nothing.</summary>
    public readonly struct Scope(bool active) : IDisposable
    {
        /// <summary>Leaves the scope.</summary>
        public void Dispose()
        {
            if (active) t_serialDepth--;
        }
    }
}
