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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newHeight);
        if (source.Length != (long)width * height) throw new ArgumentException($"source has {source.Length} pixels, {width}x{height} expected", nameof(source));
        if (destination.Length != (long)newWidth * newHeight) throw new ArgumentException($"destination has {destination.Length} pixels, {newWidth}x{newHeight} expected", nameof(destination));
        var wx = AxisWeights.For(width, newWidth);
        var wy = AxisWeights.For(height, newHeight);
        // Rows first (width changes), then columns: the intermediate is newWidth x height.
        var rows = new float[(long)newWidth * height];
        var src = source.ToArray();
        Parallel.For(0, height, y => wx.Apply(src.AsSpan(y * width, width), rows.AsSpan(y * newWidth, newWidth), 1, 1));
        var dst = new float[destination.Length];
        Parallel.For(0, newWidth, x => wy.Apply(rows.AsSpan(x), dst.AsSpan(x), newWidth, newWidth));
        dst.CopyTo(destination);
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
