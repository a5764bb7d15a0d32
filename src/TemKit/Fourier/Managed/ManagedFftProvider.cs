using System.Buffers;
using System.Runtime.Intrinsics;
using TemKit.Fourier.Managed;

namespace TemKit.Fourier;

/// <summary>
/// Managed single-precision FFT backend, used when FFTW is absent (or forced with TEMKIT_FFT=managed).
/// Rows and columns are transformed in blocks of 16 at a time, each 1D transform vectorised across the block
/// (Vector512 when accelerated, else Vector256, else scalar) with mixed radix 8, 4, 2 and odd primes, Bluestein for
/// prime factors above 128; real transforms use the half-length complex trick. Blocks run in parallel. Plans and
/// twiddles are cached per length; scratch comes from <see cref="ArrayPool{T}.Shared"/>. Thread-safe.
/// Follows the convention of <see cref="IFftProvider"/>.
/// </summary>
public sealed unsafe partial class ManagedFftProvider : IFftProvider
{
    private const int Lanes = FftPlan1D.Lanes;
    private const long ParallelThreshold = 1 << 14; // elements; below this the thread hand-off costs more than it saves

    private readonly SimdWidth _width;

    // One worker per core: more only adds pooled scratch (1 MiB each for 4096-point blocks) and contention.
    private static readonly ParallelOptions s_parallel = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>Creates the backend with the widest vector width this machine accelerates.</summary>
    public ManagedFftProvider() : this(SimdWidth.Auto) { }

    internal ManagedFftProvider(SimdWidth width)
    {
        _width = width != SimdWidth.Auto ? width
            : Vector512.IsHardwareAccelerated ? SimdWidth.Bits512
            : Vector256.IsHardwareAccelerated ? SimdWidth.Bits256
            : SimdWidth.Scalar;
    }

    /// <inheritdoc />
    public string Name => "managed";

    /// <summary>Vector width of the kernels in bits: 512, 256, or 32 (scalar).</summary>
    public int VectorBits => _width switch { SimdWidth.Bits512 => 512, SimdWidth.Bits256 => 256, _ => 32 };

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny) => Complex2D(input, output, nx, ny, inverse: false);

    /// <inheritdoc />
    public void Inverse(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny) => Complex2D(input, output, nx, ny, inverse: true);

    private void Complex2D(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny, bool inverse)
    {
        FftChecks.Sizes(nx, ny);
        FftChecks.Lengths(input.Length, (long)nx * ny, output.Length, (long)nx * ny);
        if (input.Overlaps(output, out int offset) && offset != 0)
            throw new ArgumentException("complex FFT input and output must be the same span (in place) or not overlap");
        var rowPlan = FftPlan1D.Get(nx);
        bool parallel = (long)nx * ny >= ParallelThreshold;
        fixed (ComplexF* pIn = input)
        fixed (ComplexF* pOut = output)
        {
            nint src = (nint)pIn, dst = (nint)pOut;
            ForBlocks(Blocks(ny), WorkspaceFloats(rowPlan, nx), parallel, (block, work) =>
            {
                int y0 = block * Lanes, count = Math.Min(Lanes, ny - y0);
                fixed (float* w = work)
                {
                    var ws = new Workspace(w, work.Length, nx);
                    BlockIo.LoadRows((ComplexF*)src + (nint)y0 * nx, nx, count, nx, ws.ARe, ws.AIm);
                    float* rRe, rIm;
                    if (inverse) RunInverse(rowPlan, ws, out rRe, out rIm);
                    else Run(rowPlan, ws, out rRe, out rIm);
                    BlockIo.StoreRows(rRe, rIm, (ComplexF*)dst + (nint)y0 * nx, nx, count, nx, 1f);
                }
            });
            float scale = inverse ? (float)(1.0 / ((double)nx * ny)) : 1f;
            ColumnPass(pOut, pOut, nx, nx, ny, inverse, scale, parallel);
        }
    }

    /// <summary>
    /// Transforms <paramref name="columns"/> columns of length <paramref name="rows"/> from src to dst (same row stride),
    /// or, when <paramref name="powerPtr"/> is not null, adds |F|² to it (same stride) and leaves dst alone.
    /// </summary>
    private void ColumnPass(ComplexF* srcPtr, ComplexF* dstPtr, int columns, nint stride, int rows, bool inverse, float scale, bool parallel, float* powerPtr = null)
    {
        var plan = FftPlan1D.Get(rows);
        nint src = (nint)srcPtr, dst = (nint)dstPtr, power = (nint)powerPtr;
        ForBlocks(Blocks(columns), WorkspaceFloats(plan, rows), parallel, (block, work) =>
        {
            int x0 = block * Lanes, count = Math.Min(Lanes, columns - x0);
            fixed (float* w = work)
            {
                var ws = new Workspace(w, work.Length, rows);
                BlockIo.LoadColumns((ComplexF*)src + x0, stride, count, rows, ws.ARe, ws.AIm);
                float* rRe, rIm;
                if (inverse) RunInverse(plan, ws, out rRe, out rIm);
                else Run(plan, ws, out rRe, out rIm);
                if (power != 0) BlockIo.AddColumnPower(rRe, rIm, (float*)power + x0, stride, count, rows);
                else BlockIo.StoreColumns(rRe, rIm, (ComplexF*)dst + x0, stride, count, rows, scale);
            }
        });
    }

    /// <summary>Runs the plan on buffer pair A (B as the other Stockham buffer); points at the pair holding the result.</summary>
    private void Run(FftPlan1D plan, in Workspace ws, out float* re, out float* im)
    {
        var aRe = ws.Span(ws.ARe); var aIm = ws.Span(ws.AIm);
        var bRe = ws.Span(ws.BRe); var bIm = ws.Span(ws.BIm);
        bool inB = _width switch
        {
            SimdWidth.Bits512 => plan.Execute<Simd512>(aRe, aIm, bRe, bIm, ws.Extra),
            SimdWidth.Bits256 => plan.Execute<Simd256>(aRe, aIm, bRe, bIm, ws.Extra),
            _ => plan.Execute<Scalar1>(aRe, aIm, bRe, bIm, ws.Extra),
        };
        re = inB ? ws.BRe : ws.ARe;
        im = inB ? ws.BIm : ws.AIm;
    }

    /// <summary>As <see cref="Run"/> but the inverse transform (re and im swapped on the way in and out).</summary>
    private void RunInverse(FftPlan1D plan, in Workspace ws, out float* re, out float* im)
    {
        var swapped = ws.Swapped();
        Run(plan, swapped, out im, out re);
    }

    private static int Blocks(int count) => (count + Lanes - 1) / Lanes;

    /// <summary>Floats of workspace for a block whose buffers hold <paramref name="elements"/> elements per lane.</summary>
    private static int WorkspaceFloats(FftPlan1D plan, int elements) => 4 * Workspace.Capacity(Math.Max(elements, plan.Length)) + plan.ExtraFloats;

    private static void ForBlocks(int blocks, int workFloats, bool parallel, Action<int, float[]> body)
    {
        if (!parallel || blocks == 1 || TemKit.Numerics.InnerParallelism.IsSerial)
        {
            var work = ArrayPool<float>.Shared.Rent(workFloats);
            try
            {
                for (int i = 0; i < blocks; i++) body(i, work);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(work);
            }
            return;
        }
        Parallel.For(0, blocks, s_parallel,
            () => ArrayPool<float>.Shared.Rent(workFloats),
            (i, _, work) => { body(i, work); return work; },
            work => ArrayPool<float>.Shared.Return(work));
    }

    /// <summary>
    /// A pooled float array cut into four element buffers (A and B pairs, each capacity floats) and the plan's extra space.
    /// </summary>
    private readonly struct Workspace
    {
        public readonly float* ARe, AIm, BRe, BIm;
        public readonly int Cap;
        private readonly float* _extra;
        private readonly int _extraLength;

        public static int Capacity(int elements) => (elements + 1) * Lanes;

        public Workspace(float* basePtr, int length, int elements)
        {
            Cap = Capacity(elements);
            ARe = basePtr; AIm = basePtr + Cap; BRe = basePtr + 2 * Cap; BIm = basePtr + 3 * Cap;
            _extra = basePtr + 4 * Cap;
            _extraLength = length - 4 * Cap;
        }

        private Workspace(in Workspace w)
        {
            Cap = w.Cap;
            ARe = w.AIm; AIm = w.ARe; BRe = w.BIm; BIm = w.BRe;
            _extra = w._extra;
            _extraLength = w._extraLength;
        }

        /// <summary>The same buffers with re and im exchanged, to run the inverse transform.</summary>
        public Workspace Swapped() => new(this);

        public Span<float> Span(float* p) => new(p, Cap);
        public Span<float> Extra => new(_extra, _extraLength);
    }
}
