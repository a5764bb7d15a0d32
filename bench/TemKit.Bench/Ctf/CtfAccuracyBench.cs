using System.Diagnostics;
using TemKit.Bench.Infrastructure;
using TemKit.CtfEstimation.Fitting;
using TemKit.CtfEstimation.Spectrum;
using TemKit.CtfEstimation.Synthetic;
using TemKit.Optics;

namespace TemKit.Bench.Ctf;

/// <summary>
/// Accuracy sweep of the CTF fit on synthetic micrographs with known truth: 200 and 300 kV, mean defocus 0.15–5 µm,
/// astigmatism 0–8 %, doses 3–40 e/Å². Prints one Markdown row per case and the summary statistics.
/// Arguments: [cases per voltage (default 40)] [image size px (default 2048)] [noise set (default 0)]. The cases
/// (voltage, defocus, astigmatism, angle, dose) are always the same draws; noise set k ≠ 0 gives every micrograph another
/// seed (another realisation of its random phase and shot noise), to see how much the summary moves between
/// realisations of the same 40 cases.
/// </summary>
internal sealed class CtfAccuracyBench : IBench
{
    public string Name => "ctf-accuracy";
    public string Description => "CTF fit accuracy on synthetic micrographs with known defocus (sweep)";

    public int Run(string[] args)
    {
        int perVoltage = args.Length > 0 ? int.Parse(args[0]) : 40;
        int size = args.Length > 1 ? int.Parse(args[1]) : 2048;
        int noiseSet = args.Length > 2 ? int.Parse(args[2]) : 0;
        var rng = new Random(2024);
        var rel = new List<double>();
        var angleErr = new List<double>();
        Console.WriteLine($"| kV | dose e/Å² | Δf true Å | astig % | angle ° | Δf fit Å | rel. err % | angle err ° | score | fit res Å | s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (double kv in new[] { 200.0, 300.0 })
        {
            for (int i = 0; i < perVoltage; i++)
            {
                double mean = Math.Exp(Math.Log(1500) + rng.NextDouble() * Math.Log(50000.0 / 1500));
                double astig = rng.NextDouble() * 0.08;
                double angle = rng.NextDouble() * 180;
                double dose = new[] { 3.0, 5, 10, 20, 40 }[rng.Next(5)];
                var truth = new CtfParameters(kv, 2.7, 0.07, mean * (1 + astig / 2), mean * (1 - astig / 2), angle);
                var image = SyntheticMicrograph.Generate(new SyntheticMicrographOptions(truth)
                {
                    WidthPx = size, HeightPx = size, PixelSizeAngstrom = 1.0, DoseElectronsPerAngstrom2 = dose, Seed = 1000 + i + (int)kv + NoiseSetSeedStride * noiseSet,
                });
                var sw = Stopwatch.StartNew();
                var spectrum = PowerSpectrumEstimator.Estimate(image);
                var fit = CtfFitter.Fit(spectrum, new CtfFitOptions { Optics = ElectronOptics.Default with { VoltageKilovolts = kv } });
                double seconds = sw.Elapsed.TotalSeconds;
                double e = Math.Abs(fit.MeanDefocusAngstrom / mean - 1);
                rel.Add(e);
                double da = double.NaN;
                if (astig >= 0.03)
                {
                    da = Math.Abs(fit.AstigmatismAngleDegrees - angle) % 180;
                    da = Math.Min(da, 180 - da);
                    angleErr.Add(da);
                }
                Console.WriteLine($"| {kv:F0} | {dose:G3} | {mean:F0} | {astig * 100:F1} | {angle:F1} | {fit.MeanDefocusAngstrom:F0} | {e * 100:F2} | {da:F1} | {fit.Score:F3} | {fit.FitResolutionAngstrom:F1} | {seconds:F2} |");
            }
        }
        rel.Sort();
        angleErr.Sort();
        Console.WriteLine();
        Console.WriteLine($"cases {rel.Count}: median relative error {Percentile(rel, 0.5) * 100:F3} %, 90th percentile {Percentile(rel, 0.9) * 100:F3} %, max {rel[^1] * 100:F2} %");
        if (angleErr.Count > 0)
            Console.WriteLine($"astigmatism ≥ 3 % ({angleErr.Count} cases): median angle error {Percentile(angleErr, 0.5):F2}°, 90th percentile {Percentile(angleErr, 0.9):F2}°, max {angleErr[^1]:F2}°");
        return 0;
    }

    /// <summary>Seed distance between noise sets (far above the 1000 + case + kV seeds of one set).</summary>
    private const int NoiseSetSeedStride = 100_000;

    private static double Percentile(List<double> sorted, double q) => sorted[(int)Math.Clamp(Math.Round(q * (sorted.Count - 1)), 0, sorted.Count - 1)];
}
