using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using TemKit.Fourier.Fftw;

namespace TemKit.Fourier;

/// <summary>
/// FFTW backend (libfftw3f.so.3, single precision), chosen by <see cref="Fft.Default"/> whenever the library loads.
/// Follows the convention of <see cref="IFftProvider"/>: the inverse transforms are scaled by 1/(nx ny) here because
/// FFTW leaves them unnormalised. Plans are cached per (kind, size, alignment, in-place) and created under one global
/// lock (FFTW's planner is not thread-safe); execution uses FFTW's thread-safe new-array functions, so concurrent
/// calls are safe. Planner: FFTW_ESTIMATE, or FFTW_MEASURE when TEMKIT_FFTW_PLANNER=measure (seconds per new size).
/// Plans run on Environment.ProcessorCount threads when libfftw3f_threads.so.3 is present.
/// </summary>
public sealed unsafe partial class FftwProvider : IFftProvider
{
    internal static readonly object PlannerLock = new();
    private static readonly Lazy<FftwProvider?> s_instance = new(Load);
    private static readonly Lazy<int> s_threads = new(InitThreads);

    private readonly ConcurrentDictionary<PlanKey, FftwPlanHandle> _plans = new();
    private readonly ConcurrentDictionary<long, ConcurrentBag<FftwBuffer>> _buffers = new();
    private readonly uint _plannerFlags;

    // With FFTW_ESTIMATE, FFTW 3.3.10's plans for FFTW_UNALIGNED ran 1.5-2x (4096² r2c) and 4-15x (512² c2c) faster here
    // than its plans for aligned arrays (docs/benchmarks/fft.md), so aligned plans are only used with FFTW_MEASURE,
    // which times both kinds of algorithm itself.
    private bool UseAlignedPlans => _plannerFlags == NativeMethods.FFTW_MEASURE;

    private FftwProvider(uint plannerFlags, int threads)
    {
        _plannerFlags = plannerFlags;
        Threads = threads;
    }

    /// <summary>True when libfftw3f.so.3 loads (Debian/Ubuntu package libfftw3-single3).</summary>
    public static bool IsAvailable => s_instance.Value is not null;

    /// <summary>The backend, or null when libfftw3f cannot be loaded.</summary>
    public static FftwProvider? Instance => s_instance.Value;

    /// <inheritdoc />
    public string Name => "fftw";

    /// <summary>Threads each plan uses (1 when libfftw3f_threads is absent).</summary>
    public int Threads { get; }

    /// <summary>"estimate" or "measure" (TEMKIT_FFTW_PLANNER).</summary>
    public string Planner => _plannerFlags == NativeMethods.FFTW_MEASURE ? "measure" : "estimate";

    private static FftwProvider? Load() => Create(Environment.GetEnvironmentVariable("TEMKIT_FFTW_PLANNER"));

    /// <summary>A backend with its own plan cache and the given planner ("estimate" when null), or null without libfftw3f.</summary>
    internal static FftwProvider? Create(string? plannerSetting)
    {
        if (!NativeLibrary.TryLoad(NativeMethods.Library, out var lib) || !NativeLibrary.TryGetExport(lib, "fftwf_execute_dft_r2c", out _))
            return null;
        string? planner = plannerSetting?.Trim().ToLowerInvariant();
        uint flags = planner switch
        {
            null or "" or "estimate" => NativeMethods.FFTW_ESTIMATE,
            "measure" => NativeMethods.FFTW_MEASURE,
            _ => throw new InvalidOperationException($"TEMKIT_FFTW_PLANNER={planner}: expected 'estimate' or 'measure'"),
        };
        return new FftwProvider(flags, s_threads.Value);
    }

    /// <summary>Initialises FFTW's threads once per process; returns the threads each plan will use.</summary>
    private static int InitThreads()
    {
        if (Environment.ProcessorCount == 1 || !NativeLibrary.TryLoad(NativeMethods.ThreadsLibrary, out var threadsLib)
            || !NativeLibrary.TryGetExport(threadsLib, "fftwf_init_threads", out _))
            return 1;
        lock (PlannerLock)
            return NativeMethods.fftwf_init_threads() != 0 ? Environment.ProcessorCount : 1;
    }

    /// <inheritdoc />
    public void ForwardReal(ReadOnlySpan<float> input, Span<ComplexF> output, int nx, int ny)
    {
        FftChecks.Sizes(nx, ny);
        FftChecks.Lengths(input.Length, (long)nx * ny, output.Length, (long)(nx / 2 + 1) * ny);
        if (input.Overlaps(MemoryMarshal.Cast<ComplexF, float>(output)))
            throw new ArgumentException("real FFT input and output must not overlap");
        fixed (float* pIn = input)
        fixed (ComplexF* pOut = output)
        {
            var plan = GetPlan(PlanKind.RealForward, nx, ny, Aligned(pIn, pOut), inPlace: false);
            NativeMethods.fftwf_execute_dft_r2c(plan, pIn, pOut);
        }
    }

    /// <inheritdoc />
    public void InverseReal(ReadOnlySpan<ComplexF> input, Span<float> output, int nx, int ny)
    {
        FftChecks.Sizes(nx, ny);
        long halfCount = (long)(nx / 2 + 1) * ny;
        FftChecks.Lengths(input.Length, halfCount, output.Length, (long)nx * ny);
        // A multi-dimensional c2r transform overwrites its input: run it on an aligned copy.
        var scratch = RentBuffer(halfCount * sizeof(ComplexF));
        try
        {
            var copy = (ComplexF*)scratch.Pointer;
            input.CopyTo(new Span<ComplexF>(copy, input.Length));
            fixed (float* pOut = output)
            {
                var plan = GetPlan(PlanKind.RealInverse, nx, ny, Aligned((float*)copy, pOut), inPlace: false);
                NativeMethods.fftwf_execute_dft_c2r(plan, copy, pOut);
            }
        }
        finally
        {
            ReturnBuffer(scratch);
        }
        TensorPrimitives.Multiply(output, (float)(1.0 / ((double)nx * ny)), output);
    }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny) => Complex(input, output, nx, ny, inverse: false);

    /// <inheritdoc />
    public void Inverse(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny)
    {
        Complex(input, output, nx, ny, inverse: true);
        var values = MemoryMarshal.Cast<ComplexF, float>(output);
        TensorPrimitives.Multiply(values, (float)(1.0 / ((double)nx * ny)), values);
    }

    private void Complex(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny, bool inverse)
    {
        FftChecks.Sizes(nx, ny);
        FftChecks.Lengths(input.Length, (long)nx * ny, output.Length, (long)nx * ny);
        bool overlaps = input.Overlaps(output, out int offset);
        if (overlaps && offset != 0)
            throw new ArgumentException("complex FFT input and output must be the same span (in place) or not overlap");
        fixed (ComplexF* pIn = input)
        fixed (ComplexF* pOut = output)
        {
            // FFTW's out-of-place complex plans keep the input intact (FFTW_PRESERVE_INPUT is the default for c2c).
            var plan = GetPlan(inverse ? PlanKind.ComplexInverse : PlanKind.ComplexForward, nx, ny,
                Aligned((float*)pIn, (float*)pOut), inPlace: overlaps);
            NativeMethods.fftwf_execute_dft(plan, pIn, pOut);
        }
    }

    private bool Aligned(float* a, ComplexF* b) => Aligned(a, (float*)b);

    /// <summary>Whether to run the plan made for SIMD-aligned arrays: both arrays aligned like fftwf_malloc's, and
    /// <see cref="UseAlignedPlans"/>.</summary>
    private bool Aligned(float* a, float* b) =>
        UseAlignedPlans && NativeMethods.fftwf_alignment_of(a) == 0 && NativeMethods.fftwf_alignment_of(b) == 0;
}
