using System.Diagnostics;
using TemKit.Bench.Infrastructure;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Fourier;
using TemKit.Optics;

namespace TemKit.Bench.Ctf;

/// <summary>
/// Speed of the defocus stages on a 4096×4096 float32 micrograph (synthetic, 300 kV, 1.5 µm, 10 e/Å²): power spectrum,
/// profile + smoothing + peaks, CTF fit from the spectrum, and the whole chain. Reports the median wall time and the
/// CPU time (core-seconds) per image, which is what "per core" means on a shared machine.
/// Arguments: [size px (default 4096)] [repeats (default 5)].
/// </summary>
internal sealed class CtfBench : IBench
{
    public string Name => "ctf";
    public string Description => "CTF estimation speed per 4096² image: spectrum, profile/smooth/peaks, fit (wall and CPU time)";

    public int Run(string[] args)
    {
        int size = args.Length > 0 ? int.Parse(args[0]) : 4096;
        int repeats = args.Length > 1 ? int.Parse(args[1]) : 5;
        var truth = new CtfParameters(300, 2.7, 0.07, 15500, 14500, 40);
        var image = SyntheticMicrograph.Generate(new SyntheticMicrographOptions(truth) { WidthPx = size, HeightPx = size, PixelSizeAngstrom = 1.0, DoseElectronsPerAngstrom2 = 10 });
        var options = new CtfFitOptions();
        PowerSpectrum spectrum = PowerSpectrumEstimator.Estimate(image);
        CtfFitResult? fit = null;

        Console.WriteLine($"FFT backend: {Fft.Default.Name}; {Environment.ProcessorCount} logical cores; image {size}x{size}, {spectrum.TileCount} tiles of {spectrum.Size} px");
        Console.WriteLine();
        Console.WriteLine("| stage | median wall s | CPU s per image |");
        Console.WriteLine("|---|---|---|");
        Row("power spectrum (tiles 512, 50 % overlap)", () => spectrum = PowerSpectrumEstimator.Estimate(image), repeats);
        Row("radial profile + smoothing + peaks", () => ThonRingPeaks.Find(ProfileSmoothing.Smooth(RadialProfile.Compute(spectrum), 1.5)), repeats);
        Row("CTF fit from the spectrum (1D search + 2D refinement)", () => fit = CtfFitter.Fit(spectrum, options), repeats);
        Row("whole chain (spectrum, profile, peaks, fit)", () =>
        {
            var s = PowerSpectrumEstimator.Estimate(image);
            ThonRingPeaks.Find(ProfileSmoothing.Smooth(RadialProfile.Compute(s), 1.5));
            fit = CtfFitter.Fit(s, options);
        }, repeats);
        Console.WriteLine();
        Console.WriteLine($"fit: Δf1 {fit!.Defocus1Angstrom:F0} Å, Δf2 {fit.Defocus2Angstrom:F0} Å, angle {fit.AstigmatismAngleDegrees:F1}° (truth 15500/14500/40); peak memory {Timing.PeakMiB():F0} MiB");
        return 0;
    }

    private static void Row(string name, Action action, int repeats)
    {
        using var process = Process.GetCurrentProcess();
        action();
        var cpu = new double[repeats];
        var wall = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            action();
            wall[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - c0).TotalSeconds;
        }
        Array.Sort(cpu);
        Array.Sort(wall);
        Console.WriteLine($"| {name} | {wall[repeats / 2]:F3} | {cpu[repeats / 2]:F3} |");
    }
}
