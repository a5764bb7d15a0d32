using System.Diagnostics;
using System.Runtime.InteropServices;
using TemKit.Bench.Infrastructure;
using TemKit.Fourier;

namespace TemKit.Bench.Fourier;

/// <summary>
/// 2D FFT timings: the managed backend, TemKit's FFTW backend (on ordinary managed arrays and on 64-byte aligned
/// memory), FFTW's own time from the C harness bench/native/fftw_bench.c (built here with gcc when the fftw3.h
/// header is installed) with the ESTIMATE (aligned and FFTW_UNALIGNED) and MEASURE planners, and scipy.fft (bench/peers/fft_scipy.py, when
/// python3-scipy is installed), all in one run. Median of N. Also the bytes the managed backend allocates per call.
/// </summary>
internal sealed unsafe class FftBench : IBench
{
    public string Name => "fft";
    public string Description => "2D FFT: managed vs TemKit FFTW vs FFTW's own C timing (r2c 4096², c2c 512², r2c 3838x3710) [--repeats N]";

    private sealed record Case(string Label, bool Real, int Nx, int Ny);

    private static readonly Case[] s_cases =
    [
        new("r2c 4096x4096", true, 4096, 4096),
        new("c2c 512x512", false, 512, 512),
        new("r2c 3838x3710", true, 3838, 3710),
    ];

    public int Run(string[] args)
    {
        int repeats = 7;
        for (int i = 0; i < args.Length; i++)
            if (args[i] == "--repeats" && i + 1 < args.Length) repeats = int.Parse(args[++i]);
        string? harness = BuildHarness();
        var fftw = Fft.Fftw;
        Console.WriteLine($"# FFT benchmark: {Environment.ProcessorCount} cores, managed vectors {Fft.Managed.VectorBits} bit, " +
            $"FFTW {(fftw is null ? "not available" : $"{fftw.Threads} threads, planner {fftw.Planner}")}, median of {repeats}");
        Console.WriteLine();
        string? peer = FindUp(Path.Combine("bench", "peers", "fft_scipy.py"));
        Console.WriteLine("| transform | managed (ms) | TemKit FFTW, managed arrays (ms) | TemKit FFTW, aligned (ms) | FFTW C estimate (ms) | FFTW C estimate+unaligned (ms) | FFTW C measure (ms) | scipy.fft (ms) | managed / best FFTW C estimate | managed / FFTW C measure |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var c in s_cases)
        {
            double managed = Time(Fft.Managed, c, repeats, aligned: false);
            double ours = fftw is null ? double.NaN : Time(fftw, c, repeats, aligned: false);
            double oursAligned = fftw is null ? double.NaN : Time(fftw, c, repeats, aligned: true);
            double estimate = RunHarness(harness, c, repeats, "estimate");
            double unaligned = RunHarness(harness, c, repeats, "estimate-unaligned");
            double measure = RunHarness(harness, c, repeats, "measure");
            double scipy = RunPeer(peer, c, repeats);
            Console.WriteLine($"| {c.Label} | {Ms(managed)} | {Ms(ours)} | {Ms(oursAligned)} | {Ms(estimate)} | {Ms(unaligned)} | {Ms(measure)} | {Ms(scipy)} | " +
                $"{Ratio(managed, Math.Min(estimate, unaligned))} | {Ratio(managed, measure)} |");
        }
        Console.WriteLine();
        Console.WriteLine($"Managed backend, bytes allocated per r2c 4096x4096 call after warm-up (scratch is pooled): {AllocatedPerCall()}");
        Console.WriteLine($"Peak working set of the .NET process: {Timing.PeakMiB():F0} MiB");
        return 0;
    }

    private static long AllocatedPerCall()
    {
        const int n = 4096;
        var input = new float[n * n];
        var output = new ComplexF[(n / 2 + 1) * n];
        Fft.Managed.ForwardReal(input, output, n, n);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        Fft.Managed.ForwardReal(input, output, n, n);
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static double RunPeer(string? script, Case c, int repeats)
    {
        if (script is null) return double.NaN;
        // The apt packages python3-numpy/python3-scipy install for the system interpreter, which a pyenv shim may hide.
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var (code, output, error) = Exec(python, $"\"{script}\" {(c.Real ? "r2c" : "c2c")} {c.Nx} {c.Ny} {repeats}");
        if (code != 0)
        {
            Console.WriteLine($"(scipy peer unavailable: {error.Trim().Split('\n')[^1]})");
            return double.NaN;
        }
        return double.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Ms(double seconds) => double.IsNaN(seconds) ? "n/a" : (seconds * 1000).ToString("F1");

    private static string Ratio(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? "n/a" : (a / b).ToString("F2") + "x";

    /// <summary>Median seconds of one forward transform; the first (untimed) call builds the plan. Managed arrays are
    /// allocated pinned so their addresses stay valid; aligned ones come from NativeMemory.AlignedAlloc(64).</summary>
    private static double Time(IFftProvider fft, Case c, int repeats, bool aligned)
    {
        int inFloats = c.Real ? c.Nx * c.Ny : 2 * c.Nx * c.Ny;
        int outComplex = c.Real ? (c.Nx / 2 + 1) * c.Ny : c.Nx * c.Ny;
        float[]? managedIn = aligned ? null : GC.AllocateArray<float>(inFloats, pinned: true);
        ComplexF[]? managedOut = aligned ? null : GC.AllocateArray<ComplexF>(outComplex, pinned: true);
        float* pIn = aligned ? (float*)NativeMemory.AlignedAlloc((nuint)inFloats * sizeof(float), 64)
            : (float*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(managedIn!));
        ComplexF* pOut = aligned ? (ComplexF*)NativeMemory.AlignedAlloc((nuint)outComplex * (nuint)sizeof(ComplexF), 64)
            : (ComplexF*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(managedOut!));
        try
        {
            var rng = new Random(1);
            for (int i = 0; i < inFloats; i++) pIn[i] = (float)rng.NextDouble();
            nint src = (nint)pIn, dst = (nint)pOut;
            Action run = c.Real
                ? () => fft.ForwardReal(new ReadOnlySpan<float>((float*)src, inFloats), new Span<ComplexF>((ComplexF*)dst, outComplex), c.Nx, c.Ny)
                : () => fft.Forward(new ReadOnlySpan<ComplexF>((ComplexF*)src, inFloats / 2), new Span<ComplexF>((ComplexF*)dst, outComplex), c.Nx, c.Ny);
            return Timing.MedianSeconds(run, repeats, warmup: 1);
        }
        finally
        {
            if (aligned)
            {
                NativeMemory.AlignedFree(pIn);
                NativeMemory.AlignedFree(pOut);
            }
            GC.KeepAlive(managedIn);
            GC.KeepAlive(managedOut);
        }
    }

    /// <summary>Compiles bench/native/fftw_bench.c next to the benchmark binary; null (with a note) when it cannot.</summary>
    private static string? BuildHarness()
    {
        string? source = FindUp(Path.Combine("bench", "native", "fftw_bench.c"));
        if (source is null || !File.Exists("/usr/include/fftw3.h"))
        {
            Console.WriteLine("(FFTW C harness not built: needs bench/native/fftw_bench.c, gcc and fftw3.h - apt-get install libfftw3-dev)");
            return null;
        }
        string binary = Path.Combine(AppContext.BaseDirectory, "fftw_bench");
        var (code, _, error) = Exec("gcc", $"-O2 -o \"{binary}\" \"{source}\" -lfftw3f_threads -lfftw3f -lm");
        if (code == 0) return binary;
        Console.WriteLine($"(FFTW C harness failed to build: {error.Trim()})");
        return null;
    }

    private static double RunHarness(string? binary, Case c, int repeats, string planner)
    {
        if (binary is null) return double.NaN;
        var (code, output, error) = Exec(binary, $"{(c.Real ? "r2c" : "c2c")} {c.Nx} {c.Ny} {repeats} {Environment.ProcessorCount} {planner}");
        if (code != 0)
        {
            Console.WriteLine($"(fftw_bench failed: {error.Trim()})");
            return double.NaN;
        }
        return double.Parse(output.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (int Code, string Output, string Error) Exec(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    private static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
