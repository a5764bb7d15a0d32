namespace TemKit.Imaging;

/// <summary>Whole-pixel periodic (wrap-around) shifts of an image: what a periodic simulation cell sees when the
/// specimen drifts by whole pixels.</summary>
public static class PeriodicShift
{
    /// <summary>
    /// Writes <paramref name="source"/> shifted by (<paramref name="dx"/>, <paramref name="dy"/>) px into
    /// <paramref name="destination"/>: destination(x + dx, y + dy) = source(x, y), indices modulo the size.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> source, Span<float> destination, int width, int height, int dx, int dy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (source.Length != width * height || destination.Length != width * height)
            throw new ArgumentException($"source and destination must hold {width}x{height} = {width * height} values, got {source.Length} and {destination.Length}");
        if (source.Overlaps(destination)) throw new ArgumentException("source and destination must not overlap");
        int sx = ((dx % width) + width) % width, sy = ((dy % height) + height) % height;
        for (int y = 0; y < height; y++)
        {
            var from = source.Slice(y * width, width);
            var to = destination.Slice(((y + sy) % height) * width, width);
            from[..(width - sx)].CopyTo(to[sx..]);
            from[(width - sx)..].CopyTo(to[..sx]);
        }
    }
}
