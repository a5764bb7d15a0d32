using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TemKit.Neural.Convolution.Winograd;

internal sealed partial class WinogradConvolution
{
    /// <summary>Floats of transformed input and output-gradient tiles held at once by the weight gradient (16 MiB).</summary>
    private const int WeightGradientBudgetFloats = 1 << 22;

    /// <summary>
    /// Adds the weight gradient of one sample to <paramref name="acc"/> ([out][in][r][r], double):
    /// acc[o][i][ky][kx] += Σ_y,x gradOut[o][y][x]·input[i][y + ky − r/2][x + kx − r/2]. This is a correlation with an r×r
    /// output and an h×w kernel, so it runs as F(r×r, m×m) over the m×m tiles of the output gradient (same n and
    /// points, hence the same input transform, as the forward pass): per block of tiles, V = Bᵀ d B of the input windows
    /// and W = G' g G'ᵀ of the gradient tiles, then P_ξ[o][i] += Σ_tiles W_ξ[o][t]·V_ξ[i][t] (<see cref="TileDotProducts"/>,
    /// parallel over ξ, summed in double), and finally acc += A'ᵀ P A'. F(4×4, 5×5) on AVX-512 runs the faster
    /// channel-lane form, <see cref="WeightGradientBlocked"/>. <paramref name="padded"/> is as in
    /// <see cref="ForwardPadded"/>; <paramref name="gradOutput"/> holds OutChannels planes of h×w.
    /// </summary>
    public void WeightGradient(ReadOnlySpan<float> padded, ReadOnlySpan<float> gradOutput, int h, int w, Span<double> acc)
    {
        int m = OutputTile, pad = Margin, pw = w + 2 * pad, ph = h + 2 * pad, points = Points;
        if (padded.Length < InChannels * ph * pw) throw new ArgumentException($"{padded.Length} floats for {InChannels} padded planes of {pw}x{ph}", nameof(padded));
        if (gradOutput.Length < OutChannels * h * w) throw new ArgumentException($"{gradOutput.Length} floats for {OutChannels} planes of {w}x{h}", nameof(gradOutput));
        if (acc.Length < OutChannels * InChannels * Kernel * Kernel) throw new ArgumentException($"{acc.Length} accumulators for {OutChannels}x{InChannels}x{Kernel}x{Kernel}", nameof(acc));
        if (_fast45 && BlockedFits(h, w))
        {
            WeightGradientBlocked(padded, gradOutput, h, w, acc);
            return;
        }
        int tilesY = (h + m - 1) / m, groupsX = ((w + m - 1) / m + Lanes - 1) / Lanes, groups = tilesY * groupsX;
        int blockGroups = Math.Clamp(WeightGradientBudgetFloats / (points * (InChannels + OutChannels) * Lanes), 1, groups);
        int rowStride = blockGroups * Lanes + SetPad;
        var v = ArrayPool<float>.Shared.Rent(points * (InChannels * rowStride + SetPad));
        var g = ArrayPool<float>.Shared.Rent(points * (OutChannels * rowStride + SetPad));
        var pSum = ArrayPool<double>.Shared.Rent(points * OutChannels * InChannels);
        Array.Clear(pSum, 0, points * OutChannels * InChannels);
        unsafe
        {
            fixed (float* pIn = padded, pG = gradOutput, pv = v, pg = g)
            fixed (double* ps = pSum)
            {
                var job = new WeightGradientJob(this, pIn, pw, ph, pG, h, w, groupsX, pv, pg, ps, rowStride);
                for (int g0 = 0; g0 < groups; g0 += blockGroups)
                {
                    job.Block(g0, Math.Min(blockGroups, groups - g0));
                }
                fixed (double* pa = acc) FinishWeightGradient(new PointSums(ps, null, 1, 0, (long)InChannels * OutChannels, InChannels), pa);
            }
        }
        ArrayPool<float>.Shared.Return(v);
        ArrayPool<float>.Shared.Return(g);
        ArrayPool<double>.Shared.Return(pSum);
    }

    private sealed unsafe class WeightGradientJob(WinogradConvolution c, float* input, int pw, int ph, float* gradOut, int h, int w,
        int groupsX, float* v, float* g, double* pSum, int rowStride)
    {
        private readonly long _vStride = (long)c.InChannels * rowStride + SetPad, _gStride = (long)c.OutChannels * rowStride + SetPad;
        private int _g0, _count;

        public void Block(int g0, int count)
        {
            (_g0, _count) = (g0, count);
            int work = count * (c.InChannels + c.OutChannels);
            if (work < 64) for (int i = 0; i < count; i++) Transform(i);
            else Parallel.For(0, count, Transform);
            Parallel.For(0, c.Points, Multiply);
        }

        /// <summary>Transforms the input windows and gradient tiles of group g0 + i into column block i·16.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Transform(int i)
        {
            int group = _g0 + i, m = c.OutputTile, ty = group / groupsX, tx0 = group % groupsX * Lanes;
            long planeIn = (long)pw * ph, planeOut = (long)h * w;
            var scratch = ArrayPool<float>.Shared.Rent(c.TileScratchFloats);
            fixed (float* s = scratch)
            {
                for (int ci = 0; ci < c.InChannels; ci++)
                    c.InputTiles(input + ci * planeIn, pw, ph, m * ty, m * tx0, v + (long)ci * rowStride + i * Lanes, _vStride, s);
                for (int co = 0; co < c.OutChannels; co++)
                    c.GradientTiles(gradOut + co * planeOut, h, w, m * ty, m * tx0, g + (long)co * rowStride + i * Lanes, _gStride, s);
            }
            ArrayPool<float>.Shared.Return(scratch);
        }

        /// <summary>P_ξ += W_ξ·V_ξᵀ over this block's tiles, in the double sums.</summary>
        private void Multiply(int xi)
        {
            int inCh = c.InChannels, outCh = c.OutChannels;
            TileDotProducts.Accumulate(g + xi * _gStride, rowStride, outCh, v + xi * _vStride, rowStride, inCh,
                _count * Lanes, pSum + xi * (long)inCh * outCh, inCh);
        }

    }

    /// <summary>
    /// G' g G'ᵀ (the kernel transform of F(r×r, m×m)) of the m×m output-gradient tiles of one group of one channel:
    /// tile k is the window of <paramref name="plane"/> (h×w, zero beyond) at (y0, x0 + m·k); point ξ of lane k goes to
    /// dst[ξ·xiStride + k].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void GradientTiles(float* plane, int h, int w, int y0, int x0, float* dst, long xiStride, float* scratch)
    {
        int n = InputTile, m = OutputTile;
        Vector512<float>* d = stackalloc Vector512<float>[m * m];
        for (int i = 0; i < m; i++)
        {
            int y = y0 + i;
            for (int j = 0; j < m; j++)
            {
                for (int k = 0; k < Lanes; k++)
                {
                    int x = x0 + m * k + j;
                    scratch[k] = y < h && x < w ? plane[(long)y * w + x] : 0f;
                }
                d[i * m + j] = Vector512.Load(scratch);
            }
        }
        var gr = _tw.GRows;
        Vector512<float>* t = stackalloc Vector512<float>[m * n];
        for (int i = 0; i < m; i++)
            for (int b = 0; b < n; b++)
            {
                var s = Vector512<float>.Zero;
                for (int e = gr.Start[b]; e < gr.Start[b + 1]; e++)
                    s = Vector512.FusedMultiplyAdd(Vector512.Create(gr.Values[e]), d[i * m + gr.Columns[e]], s);
                t[i * n + b] = s;
            }
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                var s = Vector512<float>.Zero;
                for (int e = gr.Start[a]; e < gr.Start[a + 1]; e++)
                    s = Vector512.FusedMultiplyAdd(Vector512.Create(gr.Values[e]), t[gr.Columns[e] * n + b], s);
                s.Store(dst + (a * n + b) * xiStride);
            }
    }
}
