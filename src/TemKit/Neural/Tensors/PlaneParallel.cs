namespace TemKit.Neural.Tensors;

/// <summary>Runs per-plane work in parallel when there is enough of it to pay for the threads.</summary>
internal static class PlaneParallel
{
    /// <summary>Elements below which a loop stays on the calling thread.</summary>
    public const int SerialThreshold = 1 << 18;

    /// <summary>Calls <paramref name="body"/>(p) for p in 0..planes-1, in parallel when planes·planeLength is large.</summary>
    public static void For(int planes, int planeLength, Action<int> body)
    {
        if ((long)planes * planeLength < SerialThreshold || planes == 1)
        {
            for (int p = 0; p < planes; p++) body(p);
            return;
        }
        Parallel.For(0, planes, body);
    }
}
