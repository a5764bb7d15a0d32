using System.Buffers;
using TemKit.Numerics.Gemm;
using TemKit.Numerics.Gemm.Managed;

namespace TemKit.Neural.Convolution.Gemm;

public sealed unsafe partial class GemmConvolution
{
    /// <summary>Multiply-adds below which a convolution's bands run on the calling thread.</summary>
    private const long ParallelThreshold = 1L << 22;

    /// <summary>dst[o][pixel] = bias[o] + Σ_row weights[o][row] · columns[row][pixel], band by band of output rows.</summary>
    private void Correlate(in ColumnGeometry g, ReadOnlySpan<float> src, ReadOnlySpan<float> weights, int outChannels, ReadOnlySpan<float> bias, Span<float> dst)
    {
        if (dst.Length < outChannels * g.OutHeight * g.OutWidth) throw new ArgumentException("output too short", nameof(dst));
        fixed (float* ps = src, pw = weights, pb = bias, pd = dst)
        {
            var work = new BandWork(this, g, outChannels, (long)outChannels * g.Depth * g.OutHeight * g.OutWidth)
            {
                Src = ps, SrcLength = src.Length, Weights = pw, Bias = pb, HasBias = !bias.IsEmpty, Dst = pd, DstLength = dst.Length,
            };
            if (work.Parallel) System.Threading.Tasks.Parallel.For(0, work.Bands, work.Options, work.CorrelateBand);
            else for (int b = 0; b < work.Bands; b++) work.CorrelateBand(b);
        }
    }

    /// <summary>acc[o][i·K² + t] += Σ_pixels gradOutput[o][pixel] · columns[i·K² + t][pixel] for one padded sample.</summary>
    internal void BackwardWeightsPadded(ReadOnlySpan<float> padded, ReadOnlySpan<float> gradOutput, int h, int w, Span<double> acc)
    {
        int m = Margin, pw = w + 2 * m;
        var g = new ColumnGeometry(InChannels, Kernel, Dilation, (h + 2 * m) * pw, pw, m * pw + m, h, w);
        // Pooled accumulators: these arrays reach megabytes, and fresh ones per call would churn the large-object heap.
        int count = WeightCount;
        var total = RentCleared(count);
        fixed (float* ps = padded, pg = gradOutput)
        {
            var work = new BandWork(this, g, OutChannels, (long)OutChannels * g.Depth * h * w)
            {
                Src = ps, SrcLength = padded.Length, Dst = pg, DstLength = gradOutput.Length,
            };
            if (work.Parallel)
            {
                // Fixed runs of consecutive bands, one accumulator each, summed in run order afterwards: the result does
                // not depend on thread scheduling, so training stays bit-reproducible.
                int runs = Math.Min(work.Options.MaxDegreeOfParallelism, work.Bands);
                var locals = new double[runs][];
                System.Threading.Tasks.Parallel.For(0, runs, work.Options, r =>
                {
                    var local = RentCleared(count);
                    for (int b = r * work.Bands / runs; b < (r + 1) * work.Bands / runs; b++) work.WeightsBand(b, local);
                    locals[r] = local;
                });
                foreach (var local in locals)
                {
                    for (int i = 0; i < count; i++) total[i] += local[i];
                    ArrayPool<double>.Shared.Return(local);
                }
            }
            else
            {
                for (int b = 0; b < work.Bands; b++) work.WeightsBand(b, total);
            }
        }
        for (int i = 0; i < count; i++) acc[i] += total[i];
        ArrayPool<double>.Shared.Return(total);
    }

    private static double[] RentCleared(int length)
    {
        var a = ArrayPool<double>.Shared.Rent(length);
        Array.Clear(a, 0, length);
        return a;
    }

    /// <summary>
    /// One convolution cut into bands of output rows. With the managed SGEMM the columns are packed from the image
    /// (implicit GEMM), and on several cores the bands run in parallel, each with a single-threaded GEMM; with another
    /// provider the bands run in turn, each through an im2col buffer and the provider's own threads.
    /// </summary>
    private sealed class BandWork
    {
        private readonly GemmConvolution _conv;
        private readonly ColumnGeometry _g;
        private readonly int _outChannels, _band;
        private readonly ISgemmProvider _gemm;
        private readonly int[] _tapOffsets = [];

        public BandWork(GemmConvolution conv, ColumnGeometry g, int outChannels, long multiplyAdds)
        {
            _conv = conv;
            _g = g;
            _outChannels = outChannels;
            _gemm = conv.Gemm;
            Implicit = _gemm is ManagedSgemmProvider;
            if (Implicit) _tapOffsets = ImplicitColumns.TapOffsets(g);
            int threads = Environment.ProcessorCount;
            Parallel = _gemm is ManagedSgemmProvider && threads > 1 && multiplyAdds >= ParallelThreshold;
            _band = Parallel ? Im2Col.RowsPerParallelBand(g, threads) : Im2Col.RowsPerBand(g);
            Bands = (g.OutHeight + _band - 1) / _band;
            Parallel &= Bands > 1;
            Options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        }

        public bool Parallel { get; }

        /// <summary>Managed SGEMM: bands pack their columns (or transposed columns) straight from the source, no column buffer.</summary>
        public bool Implicit { get; }
        public int Bands { get; }
        public ParallelOptions Options { get; }
        public float* Src { get; init; }
        public int SrcLength { get; init; }
        public float* Weights { get; init; }
        public float* Bias { get; init; }
        public bool HasBias { get; init; }

        /// <summary>Output planes (forward) or the output gradient (weight gradient).</summary>
        public float* Dst { get; init; }
        public int DstLength { get; init; }

        private void Multiply(Transpose transB, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        {
            if (Parallel) ManagedSgemmProvider.Multiply(MicroKernels.Best, 1, Transpose.No, transB, m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
            else _gemm.Multiply(Transpose.No, transB, m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
        }

        public void CorrelateBand(int band)
        {
            int ow = _g.OutWidth, plane = _g.OutHeight * ow, depth = _g.Depth;
            int y0 = band * _band, y1 = Math.Min(_g.OutHeight, y0 + _band), pixels = (y1 - y0) * ow;
            var dst = new Span<float>(Dst, DstLength);
            if (HasBias)
                for (int o = 0; o < _outChannels; o++) dst.Slice(o * plane + y0 * ow, pixels).Fill(Bias[o]);
            var weights = new ReadOnlySpan<float>(Weights, _outChannels * depth);
            float beta = HasBias ? 1f : 0f;
            if (Implicit)
            {
                var columns = new ImplicitColumns(_g, Src, y0, _tapOffsets);
                ManagedSgemmProvider.Multiply(MicroKernels.Best, Parallel ? 1 : Environment.ProcessorCount, _outChannels, pixels, depth, 1f,
                    weights, depth, columns, beta, dst.Slice(y0 * ow), plane);
                return;
            }
            var buffer = ArrayPool<float>.Shared.Rent(depth * pixels);
            Im2Col.Fill(_g, new ReadOnlySpan<float>(Src, SrcLength), y0, y1, buffer, parallel: !Parallel);
            Multiply(Transpose.No, _outChannels, pixels, depth, weights, depth, buffer.AsSpan(0, depth * pixels), pixels, beta, dst.Slice(y0 * ow), plane);
            ArrayPool<float>.Shared.Return(buffer);
        }

        public void WeightsBand(int band, double[] acc)
        {
            int ow = _g.OutWidth, plane = _g.OutHeight * ow, depth = _g.Depth, count = _conv.WeightCount;
            int y0 = band * _band, y1 = Math.Min(_g.OutHeight, y0 + _band), pixels = (y1 - y0) * ow;
            var part = ArrayPool<float>.Shared.Rent(count);
            var gradOutput = new ReadOnlySpan<float>(Dst, DstLength);
            if (Implicit)
            {
                ManagedSgemmProvider.Multiply(MicroKernels.Best, Parallel ? 1 : Environment.ProcessorCount, _outChannels, depth, pixels, 1f,
                    gradOutput.Slice(y0 * ow), plane, new ImplicitColumnsTransposed(_g, Src, y0, _tapOffsets), 0f, part.AsSpan(0, count), depth);
            }
            else
            {
                var columns = ArrayPool<float>.Shared.Rent(depth * pixels);
                Im2Col.Fill(_g, new ReadOnlySpan<float>(Src, SrcLength), y0, y1, columns, parallel: !Parallel);
                Multiply(Transpose.Yes, _outChannels, depth, pixels, gradOutput.Slice(y0 * ow), plane,
                    columns.AsSpan(0, depth * pixels), pixels, 0f, part.AsSpan(0, count), depth);
                ArrayPool<float>.Shared.Return(columns);
            }
            for (int i = 0; i < count; i++) acc[i] += part[i];
            ArrayPool<float>.Shared.Return(part);
        }
    }
}
