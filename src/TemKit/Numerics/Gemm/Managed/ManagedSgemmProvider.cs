using System.Buffers;
using System.Runtime.CompilerServices;

namespace TemKit.Numerics.Gemm.Managed;

/// <summary>
/// Managed SGEMM in the GotoBLAS/BLIS structure (Goto and van de Geijn, ACM TOMS 34(3), 2008): op(A) is cut into
/// MC×KC blocks and op(B) into KC×NC panels, both packed into micro-panels (MR rows of A, NR columns of B, edges
/// zero-filled so the kernel never branches); an MR×NR register-tile micro-kernel (AVX-512, Vector256 or scalar) sweeps
/// the A panels over each B micro-panel.
/// C tiles of MC×NC are independent tasks spread over the cores.
/// </summary>
public sealed unsafe class ManagedSgemmProvider : ISgemmProvider
{
    /// <summary>Rows of the register tile.</summary>
    internal const int MR = MicroKernels.MR;

    /// <summary>Columns of the register tile.</summary>
    internal const int NR = MicroKernels.NR;

    /// <summary>Depth of a packed block: the B micro-panel (KC·NR floats, 24 KiB) and an A micro-panel (6 KiB) share L1.</summary>
    internal const int KC = 192;

    /// <summary>Rows of a packed A block (MC·KC floats stays in L2).</summary>
    internal const int MC = 128;

    /// <summary>Largest column count of one task's B panel.</summary>
    internal const int NC = 2048;

    /// <summary>Multiply-adds below which a call stays on the calling thread.</summary>
    private const long SerialThreshold = 1L << 20;

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public bool IsAvailable => true;

    /// <summary>The micro-kernel this machine runs: "avx512", "vector256" or "scalar".</summary>
    public string KernelName => MicroKernels.Best.ToString().ToLowerInvariant();

    /// <inheritdoc />
    public void Multiply(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
        => Multiply(MicroKernels.Best, Environment.ProcessorCount, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>As <see cref="Multiply(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/> with a chosen kernel and thread count (tests cover every width).</summary>
    internal static void Multiply(KernelKind kernel, int threads, Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        SgemmChecks.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        SgemmChecks.ScaleC(c, m, n, ldc, beta);
        if (k == 0 || alpha == 0f) return;
        fixed (float* pa = a, pb = b, pc = c)
        {
            var job = new Job(kernel, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, pc, ldc);
            job.Run(Math.Max(1, threads));
        }
    }

    /// <summary>
    /// C = alpha·A·B + beta·C where B (k×n) is never stored: <paramref name="b"/> packs its panels on demand.
    /// </summary>
    internal static void Multiply(KernelKind kernel, int threads, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, PanelSource b, float beta, Span<float> c, int ldc)
    {
        SgemmChecks.Validate(Transpose.No, Transpose.No, m, n, k, a.Length, lda, k * n, Math.Max(1, n), c.Length, ldc);
        if (m == 0 || n == 0) return;
        SgemmChecks.ScaleC(c, m, n, ldc, beta);
        if (k == 0 || alpha == 0f) return;
        fixed (float* pa = a, pc = c)
        {
            var job = new Job(kernel, Transpose.No, Transpose.No, m, n, k, alpha, pa, lda, null, n, pc, ldc) { Source = b };
            job.Run(Math.Max(1, threads));
        }
    }

    /// <summary>One multiplication cut into MC×NC tiles of C.</summary>
    private sealed class Job
    {
        private readonly KernelKind _kernel;
        private readonly Transpose _transA, _transB;
        private readonly int _m, _n, _k, _lda, _ldb, _ldc;
        private readonly float _alpha;
        private readonly float* _a, _b, _c;
        private int _mc, _nc, _mBlocks, _nBlocks;

        public Job(KernelKind kernel, Transpose transA, Transpose transB, int m, int n, int k, float alpha,
            float* a, int lda, float* b, int ldb, float* c, int ldc)
        {
            (_kernel, _transA, _transB, _m, _n, _k, _alpha) = (kernel, transA, transB, m, n, k, alpha);
            _a = a;
            _b = b;
            _c = c;
            (_lda, _ldb, _ldc) = (lda, ldb, ldc);
        }

        /// <summary>Packs B when it is not a stored matrix.</summary>
        public PanelSource? Source { get; init; }

        public void Run(int threads)
        {
            bool serial = threads == 1 || (long)_m * _n * _k < SerialThreshold;
            _mc = Math.Min(MC, RoundUp(_m, MR));
            _mBlocks = (_m + _mc - 1) / _mc;
            // Enough tiles for every core: when C has few row blocks (convolutions: m = output channels), cut the columns.
            int want = serial ? 1 : 2 * threads;
            int nSplit = Math.Max(1, (want + _mBlocks - 1) / _mBlocks);
            _nc = Math.Min(NC, RoundUp((_n + nSplit - 1) / nSplit, NR));
            _nBlocks = (_n + _nc - 1) / _nc;
            int tiles = _mBlocks * _nBlocks;
            if (serial || tiles == 1)
            {
                for (int t = 0; t < tiles; t++) Tile(t);
            }
            else
            {
                Parallel.For(0, tiles, new ParallelOptions { MaxDegreeOfParallelism = threads }, Tile);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Tile(int tile)
        {
            int i0 = tile / _nBlocks * _mc, j0 = tile % _nBlocks * _nc;
            int mc = Math.Min(_mc, _m - i0), nc = Math.Min(_nc, _n - j0);
            int mPanels = (mc + MR - 1) / MR, nPanels = (nc + NR - 1) / NR;
            int kcMax = Math.Min(KC, _k);
            var aPack = ArrayPool<float>.Shared.Rent(mPanels * MR * kcMax + 16);
            // A stored (untransposed) B is packed a whole KC×nc block at a time, reading its rows end to end (hardware
            // prefetch, few pages); any other B one micro-panel at a time, just before use, while it is hot in L1.
            bool wholeBlock = Source == null && _transB == Transpose.No;
            var bPack = ArrayPool<float>.Shared.Rent((wholeBlock ? nPanels : 1) * NR * kcMax + 16);
            float* edge = stackalloc float[MR * NR];
            fixed (float* ap0 = aPack, bp0 = bPack)
            {
                // 64-byte aligned panels: full-cache-line vector loads in the micro-kernel.
                float* ap = Align64(ap0), bp = Align64(bp0);
                for (int p0 = 0; p0 < _k; p0 += KC)
                {
                    int kc = Math.Min(KC, _k - p0);
                    Packing.PackA(_transA, _a, _lda, i0, mc, p0, kc, ap);
                    if (wholeBlock) Packing.PackBRows(_b, _ldb, p0, kc, j0, nc, bp);
                    for (int jp = 0; jp < nPanels; jp++)
                    {
                        int j = jp * NR, nr = Math.Min(NR, nc - j);
                        float* bPanel = wholeBlock ? bp + (long)jp * NR * kc : bp;
                        if (Source != null) Source.Pack(p0, kc, j0 + j, nr, bPanel);
                        else if (!wholeBlock) Packing.PackB(_transB, _b, _ldb, p0, kc, j0 + j, nr, bPanel);
                        for (int ip = 0; ip < mPanels; ip++)
                        {
                            int i = ip * MR, mr = Math.Min(MR, mc - i);
                            float* aPanel = ap + (long)ip * MR * kc;
                            float* cTile = _c + (long)(i0 + i) * _ldc + j0 + j;
                            if (mr == MR && nr == NR)
                            {
                                MicroKernels.Run(_kernel, kc, aPanel, bPanel, cTile, _ldc, _alpha);
                            }
                            else
                            {
                                new Span<float>(edge, MR * NR).Clear();
                                MicroKernels.Run(_kernel, kc, aPanel, bPanel, edge, NR, _alpha);
                                for (int r = 0; r < mr; r++)
                                    for (int q = 0; q < nr; q++) cTile[(long)r * _ldc + q] += edge[r * NR + q];
                            }
                        }
                    }
                }
            }
            ArrayPool<float>.Shared.Return(aPack);
            ArrayPool<float>.Shared.Return(bPack);
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    private static float* Align64(float* p) => (float*)(((nint)p + 63) & ~(nint)63);
}
