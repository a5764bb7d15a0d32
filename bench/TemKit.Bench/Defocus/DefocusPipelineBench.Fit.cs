using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.IO;
using TemKit.Imaging;
using TemKit.Pipelines.Defocus;

namespace TemKit.Bench.Defocus;

internal sealed partial class DefocusPipelineBench
{
    /// <summary>The whole per-image analysis (with the CTF fit) at 2 images in flight, and CtfFitter.Fit alone.</summary>
    private static void FullFit(List<string> files)
    {
        var options = new DefocusRunOptions { TileSizePx = 512 };
        var analyzer = new DefocusAnalyzer(options, figuresFolder: null);
        analyzer.Analyse(files[0]);
        var clock = Stopwatch.StartNew();
        OnWorkers(files, (file, buffer) => analyzer.Analyse(file, buffer));
        double wall = clock.Elapsed.TotalSeconds;

        var spectra = files.Select(f => { using var source = ImageFile.Open(f); return PowerSpectrumEstimator.Estimate(source.ReadImage(0), options.ToSpectrumOptions()); }).ToList();
        var fitOptions = options.ToFitOptions();
        CtfFitter.Fit(spectra[0], fitOptions);
        var fitTimes = new List<double>();
        foreach (var s in spectra)
        {
            var t = Stopwatch.StartNew();
            CtfFitter.Fit(s, fitOptions);
            fitTimes.Add(t.Elapsed.TotalSeconds);
        }
        fitTimes.Sort();
        Console.WriteLine("Full analysis (read, spectrum, profile, smoothing, peaks, CTF fit with astigmatism, fit resolution):");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| whole analysis, {files.Count} images, {Workers} in flight: wall per image × {Workers} cores | {wall * Workers / files.Count:F2} s per image per core |");
        Console.WriteLine($"| CtfFitter.Fit alone on a 512² tile-averaged spectrum (median of {fitTimes.Count}, its own parallel loops) | {fitTimes[fitTimes.Count / 2]:F2} s |");
    }

    /// <summary>Peak resident memory and time of `temkit defocus` over a long batch (symbolic links to the generated files).</summary>
    private static void LongBatch(string dir, List<string> files, int count)
    {
        if (count <= 0) return;
        string links = Path.Combine(dir, "long");
        Directory.CreateDirectory(links);
        var list = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string link = Path.Combine(links, $"img_{i:D5}.mrc");
            File.CreateSymbolicLink(link, files[i % files.Count]);
            list.Add(link);
        }
        string listFile = Path.Combine(dir, "long.txt");
        File.WriteAllLines(listFile, list);
        string root = PeerProcess.RepositoryRoot();
        // The launcher rebuilds the CLI when sources changed; do that before measuring, not inside the measurement.
        using (var build = Process.Start(new ProcessStartInfo(Path.Combine(root, "temkit"), "--help") { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            build.StandardOutput.ReadToEnd();
            build.StandardError.ReadToEnd();
            build.WaitForExit();
        }
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (string a in new[] { "-f", "TIME %M %e", Path.Combine(root, "temkit"), "defocus", "--input-list", listFile, "-o", Path.Combine(dir, "long-run"), "--threads", Workers.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var line = stderr.Split('\n').LastOrDefault(l => l.StartsWith("TIME ", StringComparison.Ordinal));
        Console.WriteLine($"Long batch: `temkit defocus --threads {Workers}` over {count} images of {files.Count} distinct files (report included):");
        Console.WriteLine();
        if (line == null)
        {
            Console.WriteLine($"failed (exit {p.ExitCode}): {stderr.Trim()}");
            return;
        }
        var parts = line.Split(' ');
        double peakMiB = double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024;
        double seconds = double.Parse(parts[2], CultureInfo.InvariantCulture);
        Console.WriteLine("| images | wall (s) | s per image | peak RSS (MiB) |");
        Console.WriteLine("|---:|---:|---:|---:|");
        Console.WriteLine($"| {count} | {seconds:F0} | {seconds / count:F2} | {peakMiB:F0} |");
    }
}
