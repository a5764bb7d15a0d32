namespace TemKit.Imaging.Resampling;

/// <summary>
/// Separable resizing of float32 images to another pixel grid covering the same field of view. Along an axis that
/// shrinks, each output pixel is the area average of the input pixels under its footprint (a box pre-filter, so fine
/// detail does not alias); along an axis that grows, linear interpolation between pixel centres (edges clamped).
/// Output pixel i covers input coordinates [i·s, (i+1)·s) with s = input size / output size.
/// </summary>
public static class Resize
{
    /// <summary>Resizes <paramref name="source"/> (<paramref name="width"/> x <paramref name="height"/>) into <paramref name="destination"/> (<paramref name="newWidth"/> x <paramref name="newHeight"/>).</summary>
    public static void Image(ReadOnlySpan<float> source, int width, int height, Span<float> destination, int newWidth, int newHeight)
    {
        Check(source, width, height, newWidth, newHeight);
        if (destination.Length != (long)newWidth * newHeight) throw new ArgumentException($"destination has {destination.Length} pixels, {newWidth}x{newHeight} expected", nameof(destination));
        ImageRegion(source, width, height, newWidth, newHeight, 0, 0, newWidth, newHeight, destination);
    }

    /// <summary>
    /// The part <paramref name="x0"/>..x0+regionWidth−1, <paramref name="y0"/>..y0+regionHeight−1 of the resized image
    /// (what <see cref="Image(ReadOnlySpan{float}, int, int, Span{float}, int, int)"/> would write there, bit for bit),
    /// computed from the input pixels under that part only: e.g. a coarse probability map brought to full resolution
    /// inside one particle's box.
    /// </summary>
    public static unsafe void ImageRegion(ReadOnlySpan<float> source, int width, int height, int newWidth, int newHeight,
        int x0, int y0, int regionWidth, int regionHeight, Span<float> destination)
    {
        Check(source, width, height, newWidth, newHeight);
        if (x0 < 0 || y0 < 0 || regionWidth < 1 || regionHeight < 1 || x0 + regionWidth > newWidth || y0 + regionHeight > newHeight)
            throw new ArgumentOutOfRangeException(nameof(x0), $"region {x0},{y0} {regionWidth}x{regionHeight} is not inside {newWidth}x{newHeight}");
        if (destination.Length != (long)regionWidth * regionHeight) throw new ArgumentException($"destination has {destination.Length} pixels, {regionWidth}x{regionHeight} expected", nameof(destination));
        var wx = AxisWeights.For(width, newWidth);
        var wy = AxisWeights.For(height, newHeight);
        // Input rows under the region: rows first (width changes) into a compact intermediate of those rows only, then
        // each output row is the weighted sum of intermediate rows, in the same order and precision as a column pass.
        int r0 = wy.Start(y0), r1 = wy.End(y0 + regionHeight - 1);
        int rowsCount = r1 - r0 + 1;
        var rows = new float[(long)regionWidth * rowsCount];
        fixed (float* src = source)
        fixed (float* dst = destination)
        {
            nint s = (nint)src, d = (nint)dst;
            Parallel.For(0, rowsCount, r =>
                wx.Apply(new ReadOnlySpan<float>((float*)s + (long)(r0 + r) * width, width), rows.AsSpan(r * regionWidth, regionWidth), x0));
            Parallel.For(0, regionHeight, () => new double[regionWidth], (y, _, acc) =>
            {
                Array.Clear(acc);
                int o = y0 + y, start = wy.Start(o);
                for (int k = 0; k < wy.Count(o); k++)
                {
                    double weight = wy.Weight(o, k);
                    var row = rows.AsSpan((start + k - r0) * regionWidth, regionWidth);
                    for (int x = 0; x < regionWidth; x++) acc[x] += weight * row[x];
                }
                var outRow = new Span<float>((float*)d + (long)y * regionWidth, regionWidth);
                for (int x = 0; x < regionWidth; x++) outRow[x] = (float)acc[x];
                return acc;
            }, _ => { });
        }
    }

    private static void Check(ReadOnlySpan<float> source, int width, int height, int newWidth, int newHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newHeight);
        if (source.Length != (long)width * height) throw new ArgumentException($"source has {source.Length} pixels, {width}x{height} expected", nameof(source));
    }

    /// <summary>A resized copy of <paramref name="image"/> whose pixel size is scaled so the field of view is kept.</summary>
    public static Image2D Image(Image2D image, int newWidth, int newHeight)
    {
        var dst = new float[(long)newWidth * newHeight];
        Image(image.Pixels, image.Width, image.Height, dst, newWidth, newHeight);
        var p = image.PixelSize;
        var size = new VoxelSize(p.XAngstrom * image.Width / newWidth, p.YAngstrom * image.Height / newHeight, p.ZAngstrom);
        return new Image2D(newWidth, newHeight, dst, size, image.Metadata);
    }
}
