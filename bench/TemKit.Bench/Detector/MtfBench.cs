using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TemKit.Bench.Infrastructure;
using TemKit.Detector;
using TemKit.Fourier;

namespace TemKit.Bench.Detector;

/// <summary>
/// Radial noise spectrum + Eq. 4 fit of one vacuum frame (default 4096²), TemKit against the NumPy/SciPy peer
/// bench/peers/mtf_fit.py on the same frame, run side by side. Args: [size] [repeats].
/// </summary>
internal sealed class MtfBench : IBench
{
    public string Name => "mtf";
    public string Description => "detector MTF: spectrum + Eq. 4 fit of one 4096² vacuum frame, TemKit vs NumPy/SciPy";

    public int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4096;
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var model = new DetectorModel(0.25, 2.5, 0, 0.01);
        const double dose = 2.0;

        var rng = new Random(1);
        var frame = DetectorSimulator.Vacuum(n, n, dose, model, rng);
        double simulate = Timing.MedianSeconds(() => DetectorSimulator.Vacuum(n, n, dose, model, rng), repeats, 1);

        var tiles = new[] { PixelRegion.Whole(n, n) };
        RadialSpectrum? spectrum = null;
        MtfFit? fit = null;
        double spectrumOnly = Timing.MedianSeconds(() => spectrum = NoiseSpectrum.Compute(frame.Pixels, n, n, tiles, SpectrumKind.Amplitude), repeats, 1);
        double fitOnly = Timing.MedianSeconds(() => fit = MtfFitter.Fit(spectrum!), repeats, 1);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        double both = Timing.MedianSeconds(() => fit = MtfFitter.Fit(NoiseSpectrum.Compute(frame.Pixels, n, n, tiles, SpectrumKind.Amplitude)), repeats, 1);
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / (repeats + 1);
        double peak = Timing.PeakMiB();

        string raw = Path.Combine(Path.GetTempPath(), $"temkit_mtf_bench_{Environment.ProcessId}.f32");
        File.WriteAllBytes(raw, MemoryMarshal.AsBytes(frame.Pixels).ToArray());
        JsonElement? peer;
        try
        {
            peer = RunPeer(raw, n, repeats);
        }
        finally
        {
            File.Delete(raw);
        }

        Console.WriteLine($"## mtf: radial noise spectrum + Eq. 4 fit, one {n}x{n} vacuum frame (true c0 0.25, c3 2.5, N0 0.01 e/px, N_D {dose} e/px)");
        Console.WriteLine();
        Console.WriteLine($"FFT backend: {Fft.Default.Name}; {Environment.ProcessorCount} cores; median of {repeats} after 1 warm-up.");
        Console.WriteLine();
        Console.WriteLine("| implementation | spectrum + fit, wall (s) | CPU per run (s) | c0 | c3 | C | R² | peak RSS (MiB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(F($"| TemKit (C#) | {both:F3} | {cpu:F3} | {fit!.C0:F4} | {fit.C3:F3} | {fit.C:F4} | {fit.RSquared:F4} | {peak:F0} |"));
        if (peer is { } p)
        {
            double t = p.GetProperty("median_s").GetDouble();
            Console.WriteLine(F($"| Python (NumPy rfft2 + bincount + SciPy curve_fit) | {t:F3} | {p.GetProperty("cpu_s").GetDouble():F3} | {p.GetProperty("c0").GetDouble():F4} | {p.GetProperty("c3").GetDouble():F3} | {p.GetProperty("C").GetDouble():F4} | {p.GetProperty("r2").GetDouble():F4} | {p.GetProperty("peak_mib").GetDouble():F0} |"));
            Console.WriteLine();
            Console.WriteLine(F($"Speed-up TemKit vs Python: {t / both:F1}x."));
        }
        Console.WriteLine();
        Console.WriteLine(F($"TemKit steps: spectrum {spectrumOnly:F3} s, fit {fitOnly * 1000:F1} ms; simulating the frame (Eq. 3) {simulate:F3} s."));
        return 0;
    }

    private static JsonElement? RunPeer(string raw, int n, int repeats)
    {
        string? script = FindPeer();
        if (script is null) { Console.Error.WriteLine("bench/peers/mtf_fit.py not found: Python column skipped"); return null; }
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { script, raw, n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture), repeats.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) { Console.Error.WriteLine($"python peer failed: {stderr}"); return null; }
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static string? FindPeer()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "peers", "mtf_fit.py");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
