using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Tomography.Interpolation;

namespace TemKit.Bench.Tomography;

/// <summary>
/// interp-infer: time of the learned frame interpolator per predicted frame (normalisation, network, mapping back), the
/// issue 17 target being ≤ 0.1 s per 256² frame. Uses a model file when given, else the default architecture (the
/// time does not depend on the weights).
/// </summary>
internal sealed class InterpolationInferenceBench : IBench
{
    public string Name => "interp-infer";

    public string Description => "Learned frame interpolation: seconds per predicted frame. Args: [size=256] [frames=10] [model.tkm]";

    public int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 256;
        int frames = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var network = args.Length > 2 ? InterpolationModelFile.Load(args[2]).Network : new InterpolationNetwork(new InterpolationNetworkParameters());
        var interpolator = new LearnedInterpolator(network);
        var rng = new Random(1);
        var a = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var b = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var dst = new float[n * n];
        interpolator.Midpoint(a, b, n, n, 1, dst);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < frames; i++) interpolator.Midpoint(a, b, n, n, 1, dst);
        double per = sw.Elapsed.TotalSeconds / frames;
        var s = network.Settings;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| interp-infer | {n}² px | width {s.Width}, dilations {string.Join(",", s.Dilations)} | {per:F3} s/frame | {Environment.ProcessorCount} cores |"));
        return 0;
    }
}
