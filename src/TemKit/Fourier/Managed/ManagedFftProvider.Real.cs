using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TemKit.Fourier.Managed;

namespace TemKit.Fourier;

public sealed unsafe partial class ManagedFftProvider
{
    /// <inheritdoc />
    public void ForwardReal(ReadOnlySpan<float> input, Span<ComplexF> output, int nx, int ny) => ForwardReal(input, null, output, nx, ny, default);

    /// <inheritdoc />
    /// <remarks>Fused: the column pass adds |F|² straight into <paramref name="power"/> instead of storing F.</remarks>
    public void ForwardRealPowerAccumulate(ReadOnlySpan<float> input, Span<ComplexF> scratch, Span<float> power, int nx, int ny)
    {
        FftChecks.Sizes(nx, ny);
        FftChecks.Lengths(power.Length, (long)ny * (nx / 2 + 1), scratch.Length, (long)ny * (nx / 2 + 1));
        if (power.Overlaps(MemoryMarshal.Cast<ComplexF, float>(scratch)) || power.Overlaps(input))
            throw new ArgumentException("power must not overlap the input or the scratch space");
        ForwardReal(input, null, scratch, nx, ny, power);
    }

    /// <inheritdoc />
    /// <remarks>Fused: each block of 16 rows is asked for just before it is transformed (staged in the block's work
    /// space, so the image is never stored), and the column pass adds |F|² instead of storing F.</remarks>
    public void ForwardRealPowerAccumulate(RealRowSource rows, Span<ComplexF> scratch, Span<float> power, int nx, int ny)
    {
        ArgumentNullException.ThrowIfNull(rows);
        FftChecks.Sizes(nx, ny);
        FftChecks.Lengths(power.Length, (long)ny * (nx / 2 + 1), scratch.Length, (long)ny * (nx / 2 + 1));
        if (power.Overlaps(MemoryMarshal.Cast<ComplexF, float>(scratch)))
            throw new ArgumentException("power must not overlap the scratch space");
        ForwardReal(default, rows, scratch, nx, ny, power);
    }

    /// <summary>r2c of <paramref name="input"/>, or of the rows <paramref name="rows"/> gives when it is not null; into
    /// <paramref name="output"/>, or |F|² added to <paramref name="power"/> when that is not empty.</summary>
    private void ForwardReal(ReadOnlySpan<float> input, RealRowSource? rows, Span<ComplexF> output, int nx, int ny, Span<float> power)
    {
        FftChecks.Sizes(nx, ny);
        int h = nx / 2 + 1;
        if (rows == null) FftChecks.Lengths(input.Length, (long)nx * ny, output.Length, (long)h * ny);
        else FftChecks.Lengths(output.Length, (long)h * ny, output.Length, (long)h * ny);
        if (input.Overlaps(MemoryMarshal.Cast<ComplexF, float>(output)))
            throw new ArgumentException("real FFT input and output must not overlap");
        bool even = nx % 2 == 0;
        int m = even ? nx / 2 : nx;
        var plan = FftPlan1D.Get(m);
        int elements = Math.Max(h, m);
        var (wRe, wIm) = HalfLength.Twiddles(nx);
        bool parallel = (long)nx * ny >= ParallelThreshold;
        int workFloats = WorkspaceFloats(plan, elements);
        int stageFloats = rows != null ? Lanes * nx : 0;
        fixed (float* pIn = input)
        fixed (ComplexF* pOut = output)
        fixed (float* pPower = power)
        {
            nint src = (nint)pIn, dst = (nint)pOut;
            ForBlocks(Blocks(ny), workFloats + stageFloats, parallel, (block, work) =>
            {
                int y0 = block * Lanes, count = Math.Min(Lanes, ny - y0);
                fixed (float* w = work)
                {
                    var ws = new Workspace(w, workFloats, elements);
                    float* rowStart;
                    if (rows != null)
                    {
                        // The block's rows, asked for now and staged after the work space (L2-resident, not the image).
                        rowStart = w + workFloats;
                        for (int r = 0; r < count; r++) rows(y0 + r, new Span<float>(rowStart + (nint)r * nx, nx));
                    }
                    else rowStart = (float*)src + (nint)y0 * nx;
                    if (even) BlockIo.LoadRows((ComplexF*)rowStart, m, count, m, ws.ARe, ws.AIm);
                    else BlockIo.LoadRowsReal(rowStart, nx, count, nx, ws.ARe, ws.AIm);
                    Run(plan, ws, out float* rRe, out float* rIm);
                    if (even)
                    {
                        float* oRe = rRe == ws.ARe ? ws.BRe : ws.ARe, oIm = rRe == ws.ARe ? ws.BIm : ws.AIm;
                        Split(ws.Span(rRe), ws.Span(rIm), ws.Span(oRe), ws.Span(oIm), m, wRe, wIm);
                        rRe = oRe;
                        rIm = oIm;
                    }
                    BlockIo.StoreRows(rRe, rIm, (ComplexF*)dst + (nint)y0 * h, h, count, h, 1f);
                }
            });
            ColumnPass(pOut, pOut, h, h, ny, inverse: false, 1f, parallel, pPower);
        }
    }

    /// <inheritdoc />
    public void InverseReal(ReadOnlySpan<ComplexF> input, Span<float> output, int nx, int ny)
    {
        FftChecks.Sizes(nx, ny);
        int h = nx / 2 + 1;
        FftChecks.Lengths(input.Length, (long)h * ny, output.Length, (long)nx * ny);
        bool even = nx % 2 == 0;
        int m = even ? nx / 2 : nx;
        var plan = FftPlan1D.Get(m);
        int elements = Math.Max(h, m);
        var (wRe, wIm) = HalfLength.Twiddles(nx);
        float scale = (float)(1.0 / ((double)nx * ny));
        bool parallel = (long)nx * ny >= ParallelThreshold;
        var columns = ExactSizePool<ComplexF>.Rent(h * ny);
        try
        {
            fixed (ComplexF* pIn = input)
            fixed (ComplexF* pCol = columns)
            fixed (float* pOut = output)
            {
                ColumnPass(pIn, pCol, h, h, ny, inverse: true, 1f, parallel);
                nint src = (nint)pCol, dst = (nint)pOut;
                ForBlocks(Blocks(ny), WorkspaceFloats(plan, elements), parallel, (block, work) =>
                {
                    int y0 = block * Lanes, count = Math.Min(Lanes, ny - y0);
                    fixed (float* w = work)
                    {
                        var ws = new Workspace(w, work.Length, elements);
                        BlockIo.LoadRows((ComplexF*)src + (nint)y0 * h, h, count, h, ws.BRe, ws.BIm);
                        if (even) Join(ws.Span(ws.BRe), ws.Span(ws.BIm), ws.Span(ws.ARe), ws.Span(ws.AIm), m, wRe, wIm, scale);
                        else Expand(ws.Span(ws.BRe), ws.Span(ws.BIm), ws.Span(ws.ARe), ws.Span(ws.AIm), nx);
                        RunInverse(plan, ws, out float* rRe, out float* rIm);
                        float* rowStart = (float*)dst + (nint)y0 * nx;
                        if (even) BlockIo.StoreRows(rRe, rIm, (ComplexF*)rowStart, m, count, m, 1f);
                        else BlockIo.StoreRowsReal(rRe, rowStart, nx, count, nx, scale);
                    }
                });
            }
        }
        finally
        {
            ExactSizePool<ComplexF>.Return(columns);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Split(Span<float> zRe, Span<float> zIm, Span<float> xRe, Span<float> xIm, int m, float[] wRe, float[] wIm)
    {
        switch (_width)
        {
            case SimdWidth.Bits512: HalfLength.Split<Simd512>(zRe, zIm, xRe, xIm, m, wRe, wIm); break;
            case SimdWidth.Bits256: HalfLength.Split<Simd256>(zRe, zIm, xRe, xIm, m, wRe, wIm); break;
            default: HalfLength.Split<Scalar1>(zRe, zIm, xRe, xIm, m, wRe, wIm); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Join(Span<float> xRe, Span<float> xIm, Span<float> zRe, Span<float> zIm, int m, float[] wRe, float[] wIm, float scale)
    {
        switch (_width)
        {
            case SimdWidth.Bits512: HalfLength.Join<Simd512>(xRe, xIm, zRe, zIm, m, wRe, wIm, scale); break;
            case SimdWidth.Bits256: HalfLength.Join<Simd256>(xRe, xIm, zRe, zIm, m, wRe, wIm, scale); break;
            default: HalfLength.Join<Scalar1>(xRe, xIm, zRe, zIm, m, wRe, wIm, scale); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Expand(Span<float> hRe, Span<float> hIm, Span<float> fRe, Span<float> fIm, int n)
    {
        switch (_width)
        {
            case SimdWidth.Bits512: HalfLength.Expand<Simd512>(hRe, hIm, fRe, fIm, n); break;
            case SimdWidth.Bits256: HalfLength.Expand<Simd256>(hRe, hIm, fRe, fIm, n); break;
            default: HalfLength.Expand<Scalar1>(hRe, hIm, fRe, fIm, n); break;
        }
    }
}
