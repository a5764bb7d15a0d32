using System.Buffers;
using System.Runtime.CompilerServices;
using TemKit.Numerics.Gemm.Managed;

namespace TemKit.Neural.Convolution.Winograd;

internal sealed partial class WinogradConvolution
{
    /// <summary>Floats of one worker's transformed tiles (both operands, all n² points): 2 MiB, the L2 of one core.</summary>
    private const int PanelBudgetFloats = 1 << 19;

    /// <summary>
    /// The F(4×4, 5×5) weight gradient with one channel per lane: input and output gradient are repacked into 16-channel
    /// blocks (<see cref="ChannelBlocks"/>), so each tile's transforms land directly in the packed panels of the SGEMM
    /// micro-kernel (V as [ξ][in/32][tile][32], W as [ξ][out/8][tile][8]) and P_ξ[out][in] = Σ_tiles W·V runs on its
    /// 8×32 register tile with the tiles as the reduction. Each worker owns a fixed set of tile blocks (sized for L2)
    /// and its own fp32 sums, added in double in worker order by the output transform, so the result does not depend on
    /// scheduling.
    /// </summary>
    /// <summary>True when the channel-blocked copies of an h×w sample fit in one array each (otherwise the generic path runs).</summary>
    private bool BlockedFits(int h, int w)
    {
        long pixels = (4L * ((h + 3) / 4) + 4) * (4L * ((w + 3) / 4) + 4);
        return pixels * Math.Max((InChannels + 31) / 32 * 32, PaddedOutChannels) <= int.MaxValue / 2;
    }

    private unsafe void WeightGradientBlocked(ReadOnlySpan<float> padded, ReadOnlySpan<float> gradOutput, int h, int w, Span<double> acc)
    {
        int pad = Margin, pw = w + 2 * pad, ph = h + 2 * pad, points = Points;
        int tilesY = (h + 3) / 4, tilesX = (w + 3) / 4, tiles = tilesY * tilesX;
        int xbH = 4 * tilesY + 4, xbW = 4 * tilesX + 4, gbH = 4 * tilesY, gbW = 4 * tilesX;
        int inPad = (InChannels + 31) / 32 * 32, outPad = PaddedOutChannels;
        long xbSet = (long)xbH * xbW * 16;
        var xb = ArrayPool<float>.Shared.Rent((int)(inPad / 16 * xbSet));
        var gb = ArrayPool<float>.Shared.Rent(outPad * gbH * gbW);
        int k = Math.Min(Math.Max(PanelBudgetFloats / (points * (inPad + outPad)), 16), tiles);
        int blocks = (tiles + k - 1) / k;
        int workers = (long)tiles * points * inPad * outPad < 1L << 22 ? 1 : Math.Min(Environment.ProcessorCount, blocks);
        long pairs = (long)inPad * outPad;
        var sums = ArrayPool<float>.Shared.Rent((int)(workers * points * pairs));
        fixed (float* pIn = padded, pG = gradOutput, pxb = xb, pgb = gb, ps = sums)
        fixed (double* pa = acc)
        {
            ChannelBlocks.Pack(pIn, InChannels, ph, pw, pxb, xbH, xbW);
            int packedSets = (InChannels + 15) / 16;
            new Span<float>(pxb + packedSets * xbSet, (int)((inPad / 16 - packedSets) * xbSet)).Clear();
            ChannelBlocks.Pack(pG, OutChannels, h, w, pgb, gbH, gbW);
            new Span<float>(ps, (int)(workers * points * pairs)).Clear();
            var job = new BlockedJob(this, pxb, xbH, xbW, pgb, gbH, gbW, tilesX, tiles, k, blocks, workers, inPad, ps);
            if (workers == 1) job.Run(0);
            else Parallel.For(0, workers, job.Run);
            FinishWeightGradient(new PointSums(null, ps, workers, points * pairs, pairs, inPad), pa);
        }
        ArrayPool<float>.Shared.Return(xb);
        ArrayPool<float>.Shared.Return(gb);
        ArrayPool<float>.Shared.Return(sums);
    }

    private sealed unsafe class BlockedJob(WinogradConvolution c, float* xb, int xbH, int xbW, float* gb, int gbH, int gbW,
        int tilesX, int tiles, int k, int blocks, int workers, int inPad, float* sums)
    {
        private readonly long _aXi = (long)c.PaddedOutChannels * k + SetPad, _bXi = (long)inPad * k + SetPad;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int worker)
        {
            int points = c.Points, outPad = c.PaddedOutChannels, inSets = inPad / 16, outSets = outPad / 16;
            var a = ArrayPool<float>.Shared.Rent((int)(points * _aXi));
            var b = ArrayPool<float>.Shared.Rent((int)(points * _bXi));
            float* p = sums + (long)worker * points * inPad * outPad;
            var kernel = MicroKernels.Best;
            fixed (float* pa = a, pb = b)
            {
                for (int block = worker; block < blocks; block += workers)
                {
                    int t0 = block * k, count = Math.Min(k, tiles - t0);
                    for (int tb = 0; tb < count; tb++)
                    {
                        int t = t0 + tb, ty = t / tilesX, tx = t % tilesX;
                        for (int s = 0; s < inSets; s++)
                            Winograd45.InputChannels(xb + ((long)(s * xbH + 4 * ty) * xbW + 4 * tx) * 16, xbW,
                                pb + (long)(s / 2) * k * 32 + tb * 32 + s % 2 * 16, _bXi);
                        for (int s = 0; s < outSets; s++)
                            Winograd45.GradientChannels(gb + ((long)(s * gbH + 4 * ty) * gbW + 4 * tx) * 16, gbW,
                                pa + (long)(2 * s) * k * 8 + tb * 8, pa + (long)(2 * s + 1) * k * 8 + tb * 8, _aXi);
                    }
                    for (int xi = 0; xi < points; xi++)
                        for (int ip = 0; ip < inPad / 32; ip++)
                            for (int op = 0; op < outPad / 8; op++)
                                MicroKernels.Run(kernel, count, pa + xi * _aXi + (long)op * k * 8, pb + xi * _bXi + (long)ip * k * 32,
                                    p + ((long)xi * outPad + op * 8) * inPad + ip * 32, inPad, 1f);
                }
            }
            ArrayPool<float>.Shared.Return(a);
            ArrayPool<float>.Shared.Return(b);
        }
    }
}
