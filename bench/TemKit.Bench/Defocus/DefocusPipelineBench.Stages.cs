using TemKit.Bench.Infrastructure;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TemKit.CtfEstimation.Profile;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.Pipelines.Defocus;

namespace TemKit.Bench.Defocus;

internal sealed partial class DefocusPipelineBench
{
    private static readonly string[] s_stages = ["read", "power spectrum", "radial profile", "smoothing + peaks", "CSV"];

    /// <summary>
    /// Where the time of one whole-image pass goes: each stage of the seed pipeline on one core (TemKit in a serial
    /// scope, the Python peer with workers=1), median of <paramref name="repeats"/> runs after a warm-up, in ms.
    /// </summary>
    private static void Stages(string file, string output, int repeats)
    {
        Directory.CreateDirectory(output);
        var options = new DefocusRunOptions { BinFactor = 1 };
        var buffer = new ImageBuffer();
        var times = s_stages.Select(_ => new List<double>()).ToArray();
        using (TemKit.Numerics.InnerParallelism.Serial())
        {
            for (int r = 0; r <= repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                double last = 0;
                void Lap(int stage)
                {
                    double now = clock.Elapsed.TotalMilliseconds;
                    if (r > 0) times[stage].Add(now - last);
                    last = now;
                }
                using var source = ImageFile.Open(file);
                var memory = buffer.Get(source.Width * source.Height);
                source.ReadFrame(0, memory.Span);
                var image = new Image2D(source.Width, source.Height, memory, source.VoxelSize, source.Metadata);
                Lap(0);
                var spectrumOptions = (options with { TileSizePx = Math.Min(image.Width, image.Height) & ~1 }).ToSpectrumOptions();
                var spectrum = PowerSpectrumEstimator.Estimate(image, spectrumOptions, buffer.GetSpectrum);
                Lap(1);
                var profile = RadialProfile.Compute(spectrum, new RadialProfileOptions { Amplitude = true });
                Lap(2);
                var curve = new ProfileCurve(profile.RadiusPx, profile.FrequencyInverseAngstrom, profile.Value);
                var smoothed = ProfileStages.Smooth(curve, spectrum.PixelSizeAngstrom, spectrum.Size, options);
                var peaks = ProfileStages.FindPeaks(smoothed, spectrum.PixelSizeAngstrom, spectrum.Size, options);
                Lap(3);
                var part = new ImagePart(new DefocusResult { File = file, Status = DefocusResult.StatusOk }, curve, smoothed, peaks, null);
                Junctures.WriteSmoothed(Path.Combine(output, "stages_profile.csv"), [part]);
                Junctures.WritePeaks(Path.Combine(output, "stages_peaks.csv"), [part]);
                Lap(4);
            }
        }
        var python = PythonStages(file, output, repeats);
        Console.WriteLine("Where the time goes: one whole-image pass on one core, median of the runs after a warm-up (ms):");
        Console.WriteLine();
        Console.WriteLine("| stage | TemKit (ms) | Python (ms) |");
        Console.WriteLine("|---|---:|---:|");
        double tk = 0, py = 0;
        for (int s = 0; s < s_stages.Length; s++)
        {
            double t = Median(times[s]);
            tk += t;
            double? p = python?.GetValueOrDefault(s_stages[s]);
            py += p ?? 0;
            Console.WriteLine($"| {s_stages[s]} | {t:F1} | {(p is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "")} |");
        }
        Console.WriteLine($"| **total** | **{tk:F1}** | **{(python != null ? py.ToString("F1", CultureInfo.InvariantCulture) : "")}** |");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>The peer's `--stages` run: one JSON object of stage → median ms, or null when it cannot run.</summary>
    private static Dictionary<string, double>? PythonStages(string file, string output, int repeats)
    {
        string peer = Path.Combine(PeerProcess.RepositoryRoot(), "bench", "peers", "defocus_pipeline.py");
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { peer, output, "--stages", repeats.ToString(CultureInfo.InvariantCulture), file }) info.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(info)!;
            string stdout = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? JsonSerializer.Deserialize<Dictionary<string, double>>(stdout) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
