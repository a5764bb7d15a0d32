namespace TemKit.Neural.Convolution;

/// <summary>
/// Where a direct convolution reads and writes: strided channel planes inside flat float arrays. The source origin is
/// the offset of (channel 0, output row 0, output column 0) as seen by the centre tap; every tap reads at that offset
/// plus (ky - K/2)·d rows and (kx - K/2)·d columns, so the caller must provide K/2·d valid (padded) pixels around it.
/// </summary>
internal sealed class ConvGeometry
{
    public ConvGeometry(int inChannels, int outChannels, int height, int width, int kernel, int dilation,
        int srcChannelStride, int srcRowStride, int srcOrigin, int dstChannelStride, int dstRowStride, int dstOrigin)
    {
        if (kernel < 1 || kernel % 2 == 0) throw new ArgumentException($"kernel size {kernel} must be odd and positive", nameof(kernel));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilation);
        InChannels = inChannels;
        OutChannels = outChannels;
        Height = height;
        Width = width;
        Kernel = kernel;
        Dilation = dilation;
        SrcChannelStride = srcChannelStride;
        SrcRowStride = srcRowStride;
        SrcOrigin = srcOrigin;
        DstChannelStride = dstChannelStride;
        DstRowStride = dstRowStride;
        DstOrigin = dstOrigin;
        int h = kernel / 2;
        TapOffsets = new int[kernel * kernel];
        for (int ky = 0; ky < kernel; ky++)
            for (int kx = 0; kx < kernel; kx++)
                TapOffsets[ky * kernel + kx] = (ky - h) * dilation * srcRowStride + (kx - h) * dilation;
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int Height { get; }
    public int Width { get; }
    public int Kernel { get; }
    public int Dilation { get; }
    public int Taps => Kernel * Kernel;
    public int SrcChannelStride { get; }
    public int SrcRowStride { get; }
    public int SrcOrigin { get; }
    public int DstChannelStride { get; }
    public int DstRowStride { get; }
    public int DstOrigin { get; }

    /// <summary>Offset of each tap (ky·K + kx) relative to the centre pixel in the source.</summary>
    public int[] TapOffsets { get; }
}
