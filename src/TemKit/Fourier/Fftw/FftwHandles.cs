using System.Runtime.InteropServices;

namespace TemKit.Fourier.Fftw;

/// <summary>An fftwf_plan; destroyed under the planner lock because fftwf_destroy_plan is not thread-safe.</summary>
internal sealed class FftwPlanHandle : SafeHandle
{
    public FftwPlanHandle() : base(0, ownsHandle: true) { }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        lock (FftwProvider.PlannerLock) NativeMethods.fftwf_destroy_plan(handle);
        return true;
    }
}

/// <summary>A block of fftwf_malloc'd memory (aligned for FFTW's SIMD codelets).</summary>
internal sealed unsafe class FftwBuffer : SafeHandle
{
    public FftwBuffer(long bytes) : base(0, ownsHandle: true)
    {
        Bytes = bytes;
        SetHandle((nint)NativeMethods.fftwf_malloc((nuint)bytes));
        if (IsInvalid) throw new OutOfMemoryException($"fftwf_malloc could not allocate {bytes} bytes");
    }

    public long Bytes { get; }

    public override bool IsInvalid => handle == 0;

    public void* Pointer => (void*)handle;

    protected override bool ReleaseHandle()
    {
        NativeMethods.fftwf_free((void*)handle);
        return true;
    }
}
