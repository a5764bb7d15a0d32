using System.Runtime.InteropServices;

namespace TemKit.Fourier.Fftw;

/// <summary>
/// The part of fftw3.h (single precision, "fftwf_" prefix) TemKit uses, bound with LibraryImport.
/// The planner functions and fftwf_destroy_plan are not thread-safe: call them under <see cref="FftwProvider"/>'s
/// planner lock. The new-array execute functions are thread-safe.
/// </summary>
internal static unsafe partial class NativeMethods
{
    public const string Library = "libfftw3f.so.3";
    public const string ThreadsLibrary = "libfftw3f_threads.so.3";

    // Planner flags and directions, as #defined in fftw3.h.
    public const uint FFTW_MEASURE = 0;
    public const uint FFTW_DESTROY_INPUT = 1u << 0;
    public const uint FFTW_UNALIGNED = 1u << 1;
    public const uint FFTW_PRESERVE_INPUT = 1u << 4;
    public const uint FFTW_ESTIMATE = 1u << 6;
    public const int FFTW_FORWARD = -1;
    public const int FFTW_BACKWARD = +1;

    /// <summary>fftwf_plan fftwf_plan_dft_r2c_2d(int n0, int n1, float *in, fftwf_complex *out, unsigned flags); n0 = rows (slow).</summary>
    [LibraryImport(Library)]
    public static partial FftwPlanHandle fftwf_plan_dft_r2c_2d(int n0, int n1, float* input, ComplexF* output, uint flags);

    /// <summary>fftwf_plan fftwf_plan_dft_c2r_2d(int n0, int n1, fftwf_complex *in, float *out, unsigned flags).</summary>
    [LibraryImport(Library)]
    public static partial FftwPlanHandle fftwf_plan_dft_c2r_2d(int n0, int n1, ComplexF* input, float* output, uint flags);

    /// <summary>fftwf_plan fftwf_plan_dft_2d(int n0, int n1, fftwf_complex *in, fftwf_complex *out, int sign, unsigned flags).</summary>
    [LibraryImport(Library)]
    public static partial FftwPlanHandle fftwf_plan_dft_2d(int n0, int n1, ComplexF* input, ComplexF* output, int sign, uint flags);

    /// <summary>void fftwf_execute_dft(const fftwf_plan p, fftwf_complex *in, fftwf_complex *out).</summary>
    [LibraryImport(Library)]
    public static partial void fftwf_execute_dft(FftwPlanHandle plan, ComplexF* input, ComplexF* output);

    /// <summary>void fftwf_execute_dft_r2c(const fftwf_plan p, float *in, fftwf_complex *out).</summary>
    [LibraryImport(Library)]
    public static partial void fftwf_execute_dft_r2c(FftwPlanHandle plan, float* input, ComplexF* output);

    /// <summary>void fftwf_execute_dft_c2r(const fftwf_plan p, fftwf_complex *in, float *out).</summary>
    [LibraryImport(Library)]
    public static partial void fftwf_execute_dft_c2r(FftwPlanHandle plan, ComplexF* input, float* output);

    /// <summary>void fftwf_destroy_plan(fftwf_plan p).</summary>
    [LibraryImport(Library)]
    public static partial void fftwf_destroy_plan(nint plan);

    /// <summary>void *fftwf_malloc(size_t n): memory aligned for FFTW's SIMD codelets.</summary>
    [LibraryImport(Library)]
    public static partial void* fftwf_malloc(nuint bytes);

    /// <summary>void fftwf_free(void *p).</summary>
    [LibraryImport(Library)]
    public static partial void fftwf_free(void* pointer);

    /// <summary>int fftwf_alignment_of(float *p): 0 when p has the alignment of fftwf_malloc'd memory.</summary>
    [LibraryImport(Library)]
    public static partial int fftwf_alignment_of(float* pointer);

    /// <summary>int fftwf_init_threads(void): nonzero on success (libfftw3f_threads).</summary>
    [LibraryImport(ThreadsLibrary)]
    public static partial int fftwf_init_threads();

    /// <summary>void fftwf_plan_with_nthreads(int nthreads): threads used by plans created afterwards (libfftw3f_threads).</summary>
    [LibraryImport(ThreadsLibrary)]
    public static partial void fftwf_plan_with_nthreads(int threads);
}
