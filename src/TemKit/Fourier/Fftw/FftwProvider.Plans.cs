using System.Collections.Concurrent;
using TemKit.Fourier.Fftw;

namespace TemKit.Fourier;

public sealed unsafe partial class FftwProvider
{
    private enum PlanKind { RealForward, RealInverse, ComplexForward, ComplexInverse }

    private readonly record struct PlanKey(PlanKind Kind, int Nx, int Ny, bool Aligned, bool InPlace);

    /// <summary>
    /// The cached plan for this transform. Plans are made on fftwf_malloc'd arrays (the planner may overwrite them
    /// with FFTW_MEASURE); a plan for unaligned arrays carries FFTW_UNALIGNED so it can run on any managed memory.
    /// </summary>
    private FftwPlanHandle GetPlan(PlanKind kind, int nx, int ny, bool aligned, bool inPlace)
    {
        var key = new PlanKey(kind, nx, ny, aligned, inPlace);
        if (_plans.TryGetValue(key, out var plan)) return plan;
        lock (PlannerLock)
        {
            if (_plans.TryGetValue(key, out plan)) return plan;
            plan = CreatePlan(key);
            _plans[key] = plan;
            return plan;
        }
    }

    private FftwPlanHandle CreatePlan(PlanKey key)
    {
        long n = (long)key.Nx * key.Ny, half = (long)(key.Nx / 2 + 1) * key.Ny;
        long inBytes = key.Kind switch
        {
            PlanKind.RealForward => n * sizeof(float),
            PlanKind.RealInverse => half * sizeof(ComplexF),
            _ => n * sizeof(ComplexF),
        };
        long outBytes = key.Kind switch
        {
            PlanKind.RealForward => half * sizeof(ComplexF),
            PlanKind.RealInverse => n * sizeof(float),
            _ => n * sizeof(ComplexF),
        };
        uint flags = _plannerFlags | (key.Aligned ? 0 : NativeMethods.FFTW_UNALIGNED);
        if (Threads > 1) NativeMethods.fftwf_plan_with_nthreads(Threads);
        using var inBuffer = new FftwBuffer(Math.Max(inBytes, 8));
        using var outBuffer = key.InPlace ? null : new FftwBuffer(Math.Max(outBytes, 8));
        void* input = inBuffer.Pointer, output = key.InPlace ? input : outBuffer!.Pointer;
        var plan = key.Kind switch
        {
            PlanKind.RealForward => NativeMethods.fftwf_plan_dft_r2c_2d(key.Ny, key.Nx, (float*)input, (ComplexF*)output, flags),
            PlanKind.RealInverse => NativeMethods.fftwf_plan_dft_c2r_2d(key.Ny, key.Nx, (ComplexF*)input, (float*)output, flags),
            PlanKind.ComplexForward => NativeMethods.fftwf_plan_dft_2d(key.Ny, key.Nx, (ComplexF*)input, (ComplexF*)output, NativeMethods.FFTW_FORWARD, flags),
            _ => NativeMethods.fftwf_plan_dft_2d(key.Ny, key.Nx, (ComplexF*)input, (ComplexF*)output, NativeMethods.FFTW_BACKWARD, flags),
        };
        if (plan.IsInvalid)
        {
            plan.SetHandleAsInvalid();
            throw new InvalidOperationException($"FFTW could not plan a {key.Kind} transform of {key.Nx}x{key.Ny}");
        }
        return plan;
    }

    private FftwBuffer RentBuffer(long bytes)
    {
        bytes = Math.Max(bytes, 8);
        return _buffers.TryGetValue(bytes, out var bag) && bag.TryTake(out var buffer) ? buffer : new FftwBuffer(bytes);
    }

    /// <summary>Keeps up to one buffer per core of each size for the next call; frees the rest.</summary>
    private void ReturnBuffer(FftwBuffer buffer)
    {
        var bag = _buffers.GetOrAdd(buffer.Bytes, _ => new ConcurrentBag<FftwBuffer>());
        if (bag.Count < Environment.ProcessorCount) bag.Add(buffer);
        else buffer.Dispose();
    }
}
