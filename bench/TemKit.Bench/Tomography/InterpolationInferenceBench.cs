using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Tomography.Interpolation;

namespace TemKit.Bench.Tomography;

/// <summary>
/// interp-infer: time of the learned frame interpolator per predicted frame (normalisation, network, mapping back), the
/// issue 17 target being ≤ 0.1 s per 256² frame, with linear interpolation of the same frames beside it; wall time and
/// process CPU time per frame (CPU time is what a loaded machine does not inflate). Uses a model file when given, else
/// the default architecture (the time does not depend on the weights).
/// </summary>
internal sealed class InterpolationInferenceBench : IBench
{
    public string Name => "interp-infer";

    public string Description => "Learned vs linear frame interpolation: wall and CPU milliseconds per predicted frame. Args: [size=256] [frames=10] [model.tkm]";

    public int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 256;
        int frames = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var network = args.Length > 2 ? InterpolationModelFile.Load(args[2]).Network : new InterpolationNetwork(new InterpolationNetworkParameters());
        var rng = new Random(1);
        var a = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var b = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var s = network.Settings;
        string model = s.Architecture == InterpolationArchitecture.Seed
            ? $"seed, width {s.Width}, {s.Levels} levels, {s.HiddenUnits} hidden"
            : $"residual, width {s.Width}, dilations {string.Join(",", s.Dilations)}";
        foreach (var (name, interpolator) in new (string, IFrameInterpolator)[] { ("learned", new LearnedInterpolator(network)), ("linear", new LinearInterpolator()) })
        {
            var dst = new float[n * n];
            interpolator.Midpoint(a, b, n, n, 1, dst);
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < frames; i++) interpolator.Midpoint(a, b, n, n, 1, dst);
            double wall = sw.Elapsed.TotalSeconds / frames;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds / frames;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| interp-infer | {name} | {n}² px | {(name == "learned" ? model : "mean of the two frames")} | {wall * 1e3:F2} ms/frame wall | {cpu * 1e3:F2} CPU-ms/frame | {Environment.ProcessorCount} cores, load {BenchArgs.LoadAverage()} |"));
        }
        return 0;
    }
}
