using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TemKit.Bench.Infrastructure;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Optics;
using TemKit.Pipelines.Defocus;

namespace TemKit.Bench.Defocus;

/// <summary>
/// The seed's pipeline (read, power spectrum, radial profile, smoothing, peaks, CSV) on 4096² float32 MRC files,
/// TemKit against bench/peers/defocus_pipeline.py (mrcfile + scipy, Pool(2)), both on 2 workers; the full CTF fit per
/// image; and the peak memory of a long `temkit defocus` batch.
/// Arguments: [images=8] [size=4096] [long batch length=240] [repeats=3] [cycles=1]; with cycles > 1 each timed pass
/// goes through the images that many times (both sides), which measures the steady-state throughput of a longer batch.
/// </summary>
internal sealed partial class DefocusPipelineBench : IBench
{
    public string Name => "defocus-pipeline";

    public string Description => "Seed defocus pipeline throughput vs Python (mrcfile+scipy, 2 workers), CTF fit time, batch peak memory";

    private const int Workers = 2;

    public int Run(string[] args)
    {
        int images = Arg(args, 0, 8), size = Arg(args, 1, 4096), longBatch = Arg(args, 2, 240), repeats = Arg(args, 3, 3), cycles = Arg(args, 4, 1);
        string dir = Path.Combine(Path.GetTempPath(), "temkit-defocus-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine($"defocus pipeline, {images} float32 MRC images of {size}x{size} (1 Å/px, 300 kV, 20 e/Å²), {Workers} workers, {Environment.ProcessorCount} cores, FFT backend {TemKit.Fourier.Fft.Default.GetType().Name}");
            var files = Generate(dir, images, size);
            var pass = Enumerable.Range(0, cycles).SelectMany(_ => files).ToList();
            Console.WriteLine();
            Console.WriteLine($"Seed pipeline (read, power spectrum, radial profile, smoothing, peaks, CSV per image), {pass.Count} images per pass, median of {repeats} passes after a warm-up:");
            Console.WriteLine();
            Console.WriteLine("| implementation | spectrum | s per pass | images/s | TemKit speed-up (same spectrum) |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            // Each spectrum method side by side: Welch tiles (TemKit's default) and one periodogram of the whole image
            // (the seed author's plan: `--tile-size` equal to the image size).
            foreach (var (mode, tileSize, label) in new[] { ("tiles", 512, "tiles 512, 50 % overlap"), ("whole", size, "one FFT of the whole image (author's plan)") })
            {
                double temkit = Timing.MedianSeconds(() => SeedPipeline(pass, Path.Combine(dir, "cs-" + mode), tileSize), repeats, 1);
                Console.WriteLine($"| TemKit | {label} | {temkit:F2} | {pass.Count / temkit:F2} | 1.00 |");
                double? python = Python(pass, Path.Combine(dir, "py-" + mode), mode, repeats);
                Console.WriteLine(python is { } p
                    ? $"| Python (mrcfile, scipy.fft, bincount, gaussian_filter1d, find_peaks), Pool(2) | {label} | {p:F2} | {pass.Count / p:F2} | {p / temkit:F1}x |"
                    : $"| Python | {label} | not run (/usr/bin/python3 with numpy, scipy, mrcfile missing) | | |");
            }
            Console.WriteLine();
            Stages(files[0], Path.Combine(dir, "stages"), repeats);
            Console.WriteLine();
            FullFit(files);
            Console.WriteLine();
            LongBatch(dir, files, longBatch);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<string> Generate(string dir, int count, int size)
    {
        var files = new List<string>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            double df = 8000 + 15000.0 * i / Math.Max(1, count - 1);
            var ctf = new CtfParameters(300, 2.7, 0.07, df * 1.02, df * 0.98, 30 + 17 * i);
            var image = SyntheticMicrograph.Generate(new SyntheticMicrographOptions(ctf) { WidthPx = size, HeightPx = size, Seed = 100 + i });
            string path = Path.Combine(dir, $"bench_{i:D3}.mrc");
            MrcFile.Write(path, image);
            files.Add(path);
        }
        Console.WriteLine($"generated in {clock.Elapsed.TotalSeconds:F1} s");
        return files;
    }

    /// <summary>TemKit's stages up to the peaks, with the same CSV outputs as the Python peer.</summary>
    private static void SeedPipeline(List<string> files, string output, int tileSizePx)
    {
        Directory.CreateDirectory(output);
        var options = new DefocusRunOptions { TileSizePx = tileSizePx, BinFactor = 1 };
        var spectrumOptions = options.ToSpectrumOptions();
        OnWorkers(files, (file, buffer) =>
        {
            using var source = ImageFile.Open(file);
            var memory = buffer.Get(source.Width * source.Height);
            source.ReadFrame(0, memory.Span);
            var image = new Image2D(source.Width, source.Height, memory, source.VoxelSize, source.Metadata);
            var spectrum = PowerSpectrumEstimator.Estimate(image, spectrumOptions, buffer.GetSpectrum);
            var profile = RadialProfile.Compute(spectrum, new RadialProfileOptions { Amplitude = true });
            var curve = new ProfileCurve(profile.RadiusPx, profile.FrequencyInverseAngstrom, profile.Value);
            var smoothed = ProfileStages.Smooth(curve, spectrum.PixelSizeAngstrom, spectrum.Size, options);
            var peaks = ProfileStages.FindPeaks(smoothed, spectrum.PixelSizeAngstrom, spectrum.Size, options);
            var part = new ImagePart(new DefocusResult { File = file, Status = DefocusResult.StatusOk }, curve, smoothed, peaks, null);
            string stem = Path.Combine(output, Path.GetFileNameWithoutExtension(file));
            Junctures.WriteSmoothed(stem + "_profile.csv", [part]);
            Junctures.WritePeaks(stem + "_peaks.csv", [part]);
        });
    }

    /// <summary>
    /// One image per core on persistent worker threads, each with one reused buffer, as `temkit defocus` and the peer's
    /// Pool(2) do (Parallel.ForEach started extra tasks with fresh 64 MB buffers: 128 against 99 ms per image per core).
    /// </summary>
    internal static void OnWorkers(List<string> files, Action<string, ImageBuffer> body) => ImageWorkers.Run(files, Workers, body, "bench worker");

    private static double? Python(List<string> files, string output, string mode, int repeats)
    {
        string peer = Path.Combine(PeerProcess.RepositoryRoot(), "bench", "peers", "defocus_pipeline.py");
        var times = new List<double>();
        for (int r = 0; r <= repeats; r++)
        {
            var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { peer, output, "--workers", Workers.ToString(CultureInfo.InvariantCulture), "--mode", mode }.Concat(files)) info.ArgumentList.Add(a);
            try
            {
                using var p = Process.Start(info)!;
                string stdout = p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0) return null;
                double seconds = JsonDocument.Parse(stdout).RootElement.GetProperty("seconds").GetDouble();
                if (r > 0) times.Add(seconds);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
        times.Sort();
        return times[times.Count / 2];
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
