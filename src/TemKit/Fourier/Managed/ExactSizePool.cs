using System.Collections.Concurrent;

namespace TemKit.Fourier.Managed;

/// <summary>
/// Reuses large scratch arrays of exactly the requested length. ArrayPool rounds up to a power of two, which for an
/// image-sized buffer (4096x2049 complex: 67 MB) would hold twice the memory needed. Keeps at most one array per core
/// of each length.
/// </summary>
internal static class ExactSizePool<T>
{
    private static readonly ConcurrentDictionary<int, ConcurrentBag<T[]>> s_bags = new();

    public static T[] Rent(int length) =>
        s_bags.TryGetValue(length, out var bag) && bag.TryTake(out var array) ? array : GC.AllocateUninitializedArray<T>(length);

    public static void Return(T[] array)
    {
        var bag = s_bags.GetOrAdd(array.Length, static _ => new ConcurrentBag<T[]>());
        if (bag.Count < Environment.ProcessorCount) bag.Add(array);
    }
}
