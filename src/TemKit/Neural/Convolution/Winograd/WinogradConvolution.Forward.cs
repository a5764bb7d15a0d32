using System.Buffers;
using System.Runtime.CompilerServices;
using TemKit.Numerics.Gemm.Managed;

namespace TemKit.Neural.Convolution.Winograd;

internal sealed partial class WinogradConvolution
{
    /// <summary>Multiply-adds of the Winograd products below which a call stays on the calling thread.</summary>
    private const long SerialThreshold = 1L << 22;

    /// <summary>
    /// output[o][y][x] = bias[o] + Σ_i,ky,kx g[o][i][ky][kx]·input[i][y + ky − r/2][x + kx − r/2] for one sample, zero
    /// outside the image. <paramref name="padded"/> holds InChannels planes of (h + 2·r/2)×(w + 2·r/2) with the image at
    /// (r/2, r/2) and zero margins; <paramref name="transformed"/> comes from <see cref="TransformWeights"/>;
    /// <paramref name="bias"/> empty means none; <paramref name="output"/> gets OutChannels planes of h×w.
    /// </summary>
    public void ForwardPadded(ReadOnlySpan<float> padded, int h, int w, ReadOnlySpan<float> transformed, ReadOnlySpan<float> bias, Span<float> output)
    {
        int m = OutputTile, pad = Margin, pw = w + 2 * pad, ph = h + 2 * pad;
        if (padded.Length < InChannels * ph * pw) throw new ArgumentException($"{padded.Length} floats for {InChannels} padded planes of {pw}x{ph}", nameof(padded));
        if (transformed.Length < TransformedWeightCount) throw new ArgumentException($"{transformed.Length} transformed weights, expected {TransformedWeightCount}", nameof(transformed));
        if (!bias.IsEmpty && bias.Length != OutChannels) throw new ArgumentException($"{bias.Length} biases for {OutChannels} output channels", nameof(bias));
        if (output.Length < OutChannels * h * w) throw new ArgumentException($"{output.Length} floats for {OutChannels} planes of {w}x{h}", nameof(output));
        int tilesY = (h + m - 1) / m, groupsX = ((w + m - 1) / m + Lanes - 1) / Lanes;
        int groups = tilesY * groupsX, chunks = (groups + 1) / 2;
        unsafe
        {
            fixed (float* pIn = padded, pU = transformed, pB = bias, pOut = output)
            {
                var job = new ForwardJob(this, pIn, pw, ph, pU, bias.IsEmpty ? null : pB, pOut, h, w, groupsX, groups);
                long work = (long)chunks * ChunkTiles * Points * InChannels * PaddedOutChannels;
                if (work < SerialThreshold || chunks == 1) job.RunSerial(chunks);
                else Parallel.For(0, chunks, job.Rent, job.Run, job.Return);
            }
        }
    }

    /// <summary>Per-worker buffers: transformed input V[ξ][in][32], products M[ξ][out][32] and the tile scratch.</summary>
    private sealed class Scratch(int v, int mSize, int tile)
    {
        public float[] V { get; } = ArrayPool<float>.Shared.Rent(v);
        public float[] M { get; } = ArrayPool<float>.Shared.Rent(mSize);
        public float[] Tile { get; } = ArrayPool<float>.Shared.Rent(tile);
    }

    private sealed unsafe class ForwardJob(WinogradConvolution c, float* input, int pw, int ph, float* u, float* bias, float* output, int h, int w, int groupsX, int groups)
    {
        private readonly long _vStride = (long)c.InChannels * ChunkTiles + SetPad, _mStride = (long)c.PaddedOutChannels * ChunkTiles + SetPad;

        public Scratch Rent() => new((int)(c.Points * _vStride), (int)(c.Points * _mStride), c.TileScratchFloats);

        public void Return(Scratch s)
        {
            ArrayPool<float>.Shared.Return(s.V);
            ArrayPool<float>.Shared.Return(s.M);
            ArrayPool<float>.Shared.Return(s.Tile);
        }

        public void RunSerial(int chunks)
        {
            var s = Rent();
            for (int i = 0; i < chunks; i++) Chunk(i, s);
            Return(s);
        }

        public Scratch Run(int chunk, ParallelLoopState state, Scratch s)
        {
            Chunk(chunk, s);
            return s;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Chunk(int chunk, Scratch s)
        {
            int points = c.Points, inCh = c.InChannels, outPad = c.PaddedOutChannels, m = c.OutputTile;
            long planeIn = (long)pw * ph, planeOut = (long)h * w;
            fixed (float* v = s.V, mm = s.M, tile = s.Tile)
            {
                for (int half = 0; half < 2; half++)
                {
                    int group = 2 * chunk + half;
                    if (group >= groups) break;
                    int ty = group / groupsX, tx0 = group % groupsX * Lanes;
                    for (int ci = 0; ci < inCh; ci++)
                        c.InputTiles(input + ci * planeIn, pw, ph, m * ty, m * tx0, v + ci * ChunkTiles + half * Lanes, _vStride, tile);
                }
                var kernel = MicroKernels.Best;
                int panels = outPad / MicroKernels.MR;
                for (int xi = 0; xi < points; xi++)
                {
                    float* vXi = v + xi * _vStride;
                    for (int p = 0; p < panels; p++)
                        MicroKernels.Store(kernel, inCh, u + ((long)xi * panels + p) * inCh * MicroKernels.MR, vXi,
                            mm + xi * _mStride + p * MicroKernels.MR * ChunkTiles, ChunkTiles);
                }
                for (int half = 0; half < 2; half++)
                {
                    int group = 2 * chunk + half;
                    if (group >= groups) break;
                    int ty = group / groupsX, tx0 = group % groupsX * Lanes;
                    for (int co = 0; co < c.OutChannels; co++)
                        c.OutputTiles(mm + (long)co * ChunkTiles + half * Lanes, _mStride, bias == null ? 0f : bias[co],
                            output + co * planeOut, h, w, m * ty, m * tx0, tile);
                }
            }
        }
    }
}
