using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TemKit.Neural.Convolution.Winograd;

internal sealed partial class WinogradConvolution
{
    /// <summary>
    /// U = G g Gᵀ for every (out, in) pair of <paramref name="weights"/> ([out][in][r][r]), written to
    /// <paramref name="transformed"/> as U[ξ][out/8][in][8] (output channels beyond <see cref="OutChannels"/> are zero).
    /// Vectorised over 16 output channels; parallel over input channels.
    /// </summary>
    public void TransformWeights(ReadOnlySpan<float> weights, Span<float> transformed)
    {
        int rr = Kernel * Kernel;
        if (weights.Length != OutChannels * InChannels * rr)
            throw new ArgumentException($"{weights.Length} weights, expected {OutChannels}x{InChannels}x{Kernel}x{Kernel}", nameof(weights));
        if (transformed.Length < TransformedWeightCount) throw new ArgumentException($"{transformed.Length} floats for {TransformedWeightCount} transformed weights", nameof(transformed));
        unsafe
        {
            fixed (float* w = weights, u = transformed)
            {
                var job = new WeightJob(this, w, u);
                int blocks = InChannels * (PaddedOutChannels / Lanes);
                if ((long)blocks * rr * Points < 1 << 16) for (int b = 0; b < blocks; b++) job.Run(b);
                else Parallel.For(0, blocks, job.Run);
            }
        }
    }

    private sealed unsafe class WeightJob(WinogradConvolution c, float* weights, float* transformed)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int block)
        {
            int r = c.Kernel, rr = r * r, n = c.InputTile, ci = block % c.InChannels, co0 = block / c.InChannels * Lanes;
            int inCh = c.InChannels, panels = c.PaddedOutChannels / 8;
            float* gm = stackalloc float[n * r];
            for (int a = 0; a < n; a++)
                for (int k = 0; k < r; k++) gm[a * r + k] = (float)c._t.G[a, k];
            Vector512<float>* g = stackalloc Vector512<float>[rr];
            Vector512<float>* tmp = stackalloc Vector512<float>[n * r];
            float* lane = stackalloc float[Lanes];
            if (Avx512F.IsSupported && rr == 25 && co0 + Lanes <= c.OutChannels)
            {
                // Rows = the 16 output channels' 25 taps: taps 0–15 and 9–24 as two 16×16 transposes.
                Vector512<float>* t = stackalloc Vector512<float>[Lanes];
                for (int l = 0; l < Lanes; l++) t[l] = Vector512.Load(weights + ((long)(co0 + l) * inCh + ci) * rr);
                ChannelBlocks.Transpose(t);
                for (int k = 0; k < Lanes; k++) g[k] = t[k];
                for (int l = 0; l < Lanes; l++) t[l] = Vector512.Load(weights + ((long)(co0 + l) * inCh + ci) * rr + 9);
                ChannelBlocks.Transpose(t);
                for (int k = Lanes; k < rr; k++) g[k] = t[k - 9];
            }
            else
            {
                for (int k = 0; k < rr; k++)
                {
                    for (int l = 0; l < Lanes; l++)
                    {
                        int co = co0 + l;
                        lane[l] = co < c.OutChannels ? weights[((long)co * inCh + ci) * rr + k] : 0f;
                    }
                    g[k] = Vector512.Load(lane);
                }
            }
            // tmp[a][k2] = Σ_k1 G[a][k1]·g[k1][k2]
            for (int a = 0; a < n; a++)
                for (int k2 = 0; k2 < r; k2++)
                {
                    var s = Vector512<float>.Zero;
                    for (int k1 = 0; k1 < r; k1++) s = Vector512.FusedMultiplyAdd(Vector512.Create(gm[a * r + k1]), g[k1 * r + k2], s);
                    tmp[a * r + k2] = s;
                }
            // U[a][b] = Σ_k2 G[b][k2]·tmp[a][k2], stored as two 8-wide panel rows.
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++)
                {
                    var s = Vector512<float>.Zero;
                    for (int k2 = 0; k2 < r; k2++) s = Vector512.FusedMultiplyAdd(Vector512.Create(gm[b * r + k2]), tmp[a * r + k2], s);
                    long xi = a * n + b;
                    float* dst = transformed + ((xi * panels + co0 / 8) * inCh + ci) * 8;
                    s.GetLower().Store(dst);
                    s.GetUpper().Store(dst + (long)inCh * 8);
                }
        }
    }
}
