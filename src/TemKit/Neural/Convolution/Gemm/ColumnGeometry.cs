namespace TemKit.Neural.Convolution.Gemm;

/// <summary>
/// Where a correlation reads: <see cref="Channels"/> source planes of <see cref="SrcPlane"/> floats with
/// <see cref="SrcRowStride"/> floats per row; output pixel (y, x) of an <see cref="OutHeight"/>×<see cref="OutWidth"/>
/// result sees tap (ky, kx) at SrcOrigin + y·SrcRowStride + x + (ky − K/2)·d·SrcRowStride + (kx − K/2)·d, so the
/// caller provides K/2·d valid (padded) pixels around the output frame.
/// </summary>
internal readonly record struct ColumnGeometry(int Channels, int Kernel, int Dilation, int SrcPlane, int SrcRowStride, int SrcOrigin, int OutHeight, int OutWidth)
{
    /// <summary>Taps per channel, K².</summary>
    public int Taps => Kernel * Kernel;

    /// <summary>Rows of the column matrix (GEMM depth), channels·K².</summary>
    public int Depth => Channels * Taps;

    /// <summary>Source offset of tap t = ky·K + kx relative to the centre.</summary>
    public int TapOffset(int t)
    {
        int h = Kernel / 2;
        return (t / Kernel - h) * Dilation * SrcRowStride + (t % Kernel - h) * Dilation;
    }
}
