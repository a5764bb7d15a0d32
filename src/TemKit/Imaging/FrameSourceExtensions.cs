namespace TemKit.Imaging;

/// <summary>Reading whole images, stacks and averages from an <see cref="IFrameSource"/>.</summary>
public static class FrameSourceExtensions
{
    /// <summary>Reads one section into a new image.</summary>
    public static Image2D ReadImage(this IFrameSource source, int index = 0)
    {
        var image = new Image2D(source.Width, source.Height, source.VoxelSize, source.Metadata);
        source.ReadFrame(index, image.Pixels);
        return image;
    }

    /// <summary>Reads every section into memory.</summary>
    public static ImageStack ReadAll(this IFrameSource source)
    {
        var stack = new ImageStack(source.Width, source.Height, source.FrameCount, source.Kind, source.VoxelSize, source.Metadata);
        for (int z = 0; z < source.FrameCount; z++)
            source.ReadFrame(z, stack.Frame(z));
        return stack;
    }

    /// <summary>The mean of all sections (the usual "sum" of a movie), one frame in memory at a time.</summary>
    public static Image2D ReadAverage(this IFrameSource source)
    {
        var sum = new Image2D(source.Width, source.Height, source.VoxelSize, source.Metadata);
        if (source.FrameCount == 1)
        {
            source.ReadFrame(0, sum.Pixels);
            return sum;
        }
        var frame = new float[source.Width * source.Height];
        for (int z = 0; z < source.FrameCount; z++)
        {
            source.ReadFrame(z, frame);
            System.Numerics.Tensors.TensorPrimitives.Add(sum.Pixels, frame, sum.Pixels);
        }
        System.Numerics.Tensors.TensorPrimitives.Multiply(sum.Pixels, 1f / source.FrameCount, sum.Pixels);
        return sum;
    }
}
