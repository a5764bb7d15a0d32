using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Imaging.Components;
using TemKit.Imaging.Resampling;
using TemKit.IO;
using TemKit.Neural.Inference;
using TemKit.Neural.Models;
using TemKit.Neural.Training;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.Training;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Bench.Particles;

/// <summary>
/// Speed against accuracy of `temkit particles` on 4096² frames (issue 13). The test frames are those of
/// <see cref="ParticleFrameBench"/> (16 simulated 2.5 nm Au particles per frame from particle seeds 1-4, 0.1 Å/px,
/// 1000 e/Å²). For each detector configuration bB-dD-kK (an MSD-net of depth D and kernel K whose model pixel size is
/// B x the frame's, trained here on 40 composed fields made from other particles, seeds 21-24, at 200-5000 e/Å², binned
/// the way <c>Segmenter</c> resamples; models cached) it prints the stage times of one frame (CPU and wall), the whole
/// run's CPU and wall time per frame, and the accuracy against the true masks: particles found / missed / spurious,
/// area error, and agreement of the ratio and of the filter decision with the analysis inside the true masks.
/// The true-mask run also times the regional Fourier analysis at padding factor 2 (default) and 1.
/// Arguments: [frames=2] [configs=b4-d50-k9-u,b4-d20-k5,b8-d20-k5,b8-d10-k3] (suffix -u: untrained, time only)
/// [epochs=15]; a config that is a path to a .tkm file uses that model as it is. CPU time is process user+system: on a shared machine it is the meaningful number.
/// </summary>
internal sealed class ParticleSpeedBench : IBench
{
    private const double Px = 0.1;
    private const int FieldPx = 1024, Tile = 320;

    public string Name => "particles-speed";
    public string Description => "temkit particles on 4096² frames: stage profile, detection binning/network size vs accuracy (trained MSD-nets)";

    public int Run(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        int frames = args.Length > 0 ? int.Parse(args[0], inv) : 2;
        var configs = (args.Length > 1 ? args[1] : "b4-d50-k9-u,b4-d20-k5,b8-d20-k5,b8-d10-k3").Split(',');
        int epochs = args.Length > 2 ? int.Parse(args[2], inv) : 15;
        string dir = Path.Combine(Path.GetTempPath(), "temkit-particles-bench");
        Directory.CreateDirectory(dir);
        var (images, masks) = ParticleFrameBench.Compose(dir, frames);
        var options = new ParticlesRunOptions { ReportFrames = 0 };

        // Truth: the analysis inside the true masks (also times the Fourier analysis at two paddings).
        var truth = TrueMaskRun(dir, images, masks, frames, options);
        foreach (double padding in new[] { 2.0, 1.0 })
        {
            using var source = ImageFile.Open(images);
            var buffer = new float[source.Width * source.Height];
            source.ReadFrame(0, buffer);
            var image = new Image2D(source.Width, source.Height, buffer, VoxelSize.Isotropic(Px));
            var f0 = truth[0];
            var fourier = options.Fourier with { PaddingFactor = padding };
            var (wall, cpu) = Time(() => Parallel.ForEach(f0.Particles, p => RegionalFourier.Analyse(image, f0.Labels, p.Label, p.Box, fourier)));
            Console.WriteLine(string.Create(inv, $"| regional Fourier of {f0.Particles.Count} particles, padding factor {padding} | {wall:F2} s wall | {cpu:F2} CPU-s |"));
        }

        foreach (string config in configs)
        {
            // A path to a .tkm file: that model as it is (e.g. the shipped models/particles-au-b8.tkm).
            bool given = config.EndsWith(".tkm", StringComparison.OrdinalIgnoreCase);
            var (bin, depth, kernel, untrained) = given ? (0, 0, 0, false) : Parse(config);
            string model = given ? Path.GetFullPath(config) : Path.Combine(dir, "models", untrained ? config + ".tkm" : string.Create(inv, $"{config}-e{epochs}.tkm"));
            if (!given && !File.Exists(model))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(model)!);
                var network = new MsdNetParameters(Depth: depth, KernelSize: kernel, Seed: 1);
                if (untrained) ModelFile.Save(model, new MsdNet(network), input: ModelInput.FromPixelSizes([Px * bin]));
                else Train(model, network, bin, epochs);
            }
            var checkpoint = ModelFile.Load(model);
            Profile(images, checkpoint, options, config);
            string run = Path.Combine(dir, "run-" + (given ? Path.GetFileNameWithoutExtension(config) : config));
            if (Directory.Exists(run)) Directory.Delete(run, true);
            var detector = new NetworkParticleDetector(checkpoint, options.Segmentation, Path.GetFileName(model));
            var job = new ParticlesRun(run, detector, options);
            var (runWall, runCpu) = Time(() => job.Run([images]));
            var result = ParticlesRun.Merge(run);
            Console.WriteLine(string.Create(inv, $"| {config} whole run | {runWall / frames:F2} s/frame wall | {runCpu / frames:F2} CPU-s/frame |{(untrained ? " (untrained: time only)" : " " + Accuracy(truth, result.Frames))}"));
        }
        Console.WriteLine(string.Create(inv, $"peak working set {Timing.PeakMiB():F0} MiB (whole bench process, including training and composing)"));
        return 0;
    }

    private sealed record TrueFrame(IReadOnlyList<ParticleObservation> Particles, int[] Labels);

    private static List<TrueFrame> TrueMaskRun(string dir, string images, string masks, int frames, ParticlesRunOptions options)
    {
        var list = new List<TrueFrame>();
        using var source = ImageFile.Open(images);
        using var detector = new MaskStackDetector([masks]);
        var buffer = new float[source.Width * source.Height];
        double wall = 0, cpu = 0;
        for (int z = 0; z < frames; z++)
        {
            source.ReadFrame(z, buffer);
            var image = new Image2D(source.Width, source.Height, buffer, VoxelSize.Isotropic(Px));
            ParticleFrameResult? r = null;
            var (w, c) = Time(() => r = ParticleFrameAnalysis.Analyse(image, z, images, z, detector, options));
            wall += w;
            cpu += c;
            list.Add(new TrueFrame(r!.Record.Particles, r.Labels));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| true masks: read masks + components + Fourier, per frame | {wall / frames:F2} s wall | {cpu / frames:F2} CPU-s | {list[0].Particles.Count} particles/frame |"));
        return list;
    }

    /// <summary>Stage times of frame 0 with the network: resample down, network, resample up, threshold + components, Fourier.</summary>
    private static void Profile(string images, ModelCheckpoint model, ParticlesRunOptions options, string config)
    {
        var inv = CultureInfo.InvariantCulture;
        using var source = ImageFile.Open(images);
        int w = source.Width, h = source.Height;
        var buffer = new float[w * h];
        var stages = new List<(string, double, double)>();
        void Stage(string name, Action a) { var (wall, cpu) = Time(a); stages.Add((name, wall, cpu)); }
        Stage("read frame (MRC)", () => source.ReadFrame(0, buffer));
        var image = new Image2D(w, h, buffer, VoxelSize.Isotropic(Px));
        double factor = Px / model.Input.PixelSizeAngstrom!.Value;
        int nw = (int)Math.Round(w * factor), nh = (int)Math.Round(h * factor);
        var small = new float[nw * nh];
        Stage($"resample to {nw}² for the network", () => Resize.Image(buffer, w, h, small, nw, nh));
        var tiled = new TiledSegmenter(model.Network, new TilingParameters(options.Segmentation.TileSizePx, options.Segmentation.TileOverlapPx));
        var prob = new float[nw * nh];
        Stage($"network ({model.Network.Kind}, {tiled.TileCount(nw, nh)} tiles)", () =>
        {
            var (mean, inverseStd) = SegmentationSample.NormalisationOf(small);
            tiled.Predict(small, nw, nh, prob, null, mean, inverseStd);
        });
        var full = new float[w * h];
        Stage("resample probability to 4096²", () => Resize.Image(prob, nw, nh, full, w, h));
        var mask = new byte[w * h];
        var labels = new int[w * h];
        IReadOnlyList<ComponentMeasurement> components = [];
        Stage("threshold + label + measure components (4096²)", () =>
        {
            for (int i = 0; i < mask.Length; i++) mask[i] = full[i] >= 0.5f ? (byte)1 : (byte)0;
            int count = ConnectedComponents.Label(mask, w, h, labels);
            components = ComponentMeasurements.Measure(labels, count, w, h, full, image.PixelSize);
        });
        var particles = components.Where(c => c.EquivalentDiameterNm >= options.Segmentation.MinParticleDiameterNm).ToList();
        Stage($"regional Fourier of {particles.Count} particles", () => Parallel.ForEach(particles, c =>
            RegionalFourier.Analyse(image, labels, c.Label, new PixelBox(c.MinXPx, c.MinYPx, c.MaxXPx, c.MaxYPx), options.Fourier)));
        foreach (var (name, wall, cpu) in stages)
            Console.WriteLine(string.Create(inv, $"| {config}: {name} | {wall:F3} s wall | {cpu:F3} CPU-s |"));
    }

    /// <summary>Matches detected particles to true ones by centroid (within half the true diameter).</summary>
    private static string Accuracy(List<TrueFrame> truth, IReadOnlyList<FrameRecord> detected)
    {
        int trueCount = 0, found = 0, spurious = 0, agree = 0;
        var areaErrors = new List<double>();
        var logRatios = new List<double>();
        for (int z = 0; z < truth.Count; z++)
        {
            var t = truth[z].Particles;
            var d = detected[z].Particles.ToList();
            trueCount += t.Count;
            var used = new HashSet<int>();
            foreach (var p in t)
            {
                int best = -1;
                double bestDistance = p.EquivalentDiameterPx / 2;
                for (int i = 0; i < d.Count; i++)
                {
                    double dist = Math.Sqrt(Math.Pow(d[i].CentroidXPx - p.CentroidXPx, 2) + Math.Pow(d[i].CentroidYPx - p.CentroidYPx, 2));
                    if (!used.Contains(i) && dist < bestDistance) { best = i; bestDistance = dist; }
                }
                if (best < 0) continue;
                used.Add(best);
                found++;
                areaErrors.Add(d[best].AreaPx / (double)p.AreaPx - 1);
                if (d[best].Passes == p.Passes) agree++;
                if (double.IsFinite(d[best].Ratio) && double.IsFinite(p.Ratio)) logRatios.Add(Math.Abs(Math.Log(d[best].Ratio / p.Ratio)));
            }
            spurious += d.Count - used.Count;
        }
        logRatios.Sort();
        double medianLog = logRatios.Count > 0 ? logRatios[logRatios.Count / 2] : double.NaN;
        return string.Create(CultureInfo.InvariantCulture,
            $"found {found}/{trueCount}, spurious {spurious} | area (detected/true − 1): mean {Mean(areaErrors):+0.000;-0.000}, mean |.| {Mean(areaErrors.Select(Math.Abs)):F3} | filter decision as with true masks {agree}/{found} | median |ln(ratio/ratio_true)| {medianLog:F3} |");
    }

    private static double Mean(IEnumerable<double> values) => values.DefaultIfEmpty(double.NaN).Average();

    /// <summary>Trains an MSD-net on 40 composed 1024² fields binned by <paramref name="bin"/> (particles of seeds 21-24).</summary>
    private static void Train(string model, MsdNetParameters network, int bin, int epochs)
    {
        var grid = new SimulationGrid(Tile, Tile, Px);
        var exitWaves = new List<(WaveImager Imager, float[] Mask)>();
        for (int s = 0; s < 4; s++)
        {
            var particle = new FccParticleParameters(DiameterNanometres: 2 + 0.3 * s, TiltDegrees: s * 2.7);
            var sim = ParticleSimulation.Simulate(particle, grid, new PotentialParameters(), new MultisliceParameters(), new Random(21 + s));
            exitWaves.Add((new WaveImager(sim.ExitWave), sim.Mask.Pixels.ToArray()));
        }
        var rng = new Random(5);
        int small = FieldPx / bin;
        var samples = new List<SegmentationSample>();
        for (int n = 0; n < 40; n++)
        {
            double dose = 200 * Math.Pow(25, rng.NextDouble());
            double mean = dose * Px * Px;
            var field = new float[FieldPx * FieldPx];
            var mask = new float[FieldPx * FieldPx];
            for (int i = 0; i < field.Length; i++) field[i] = (float)(mean + Math.Sqrt(mean) * Gaussian(rng));
            // Up to 3 particles on a 3x3 grid of slots (no overlap), each a fresh noise realisation of its exit wave.
            var slots = Enumerable.Range(0, 9).OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)).ToList();
            foreach (int slot in slots)
            {
                var (imager, m) = exitWaves[rng.Next(exitWaves.Count)];
                var (detected, _) = ParticleSimulation.RenderEpoch(imager, new ImagingParameters(DefocusAngstrom: 60), dose, DetectorModel.Preset(4), rng);
                var pixels = detected.Pixels.ToArray();
                int x0 = (slot % 3) * 340 + rng.Next(10), y0 = (slot / 3) * 340 + rng.Next(10);
                for (int y = 0; y < Tile; y++)
                    for (int x = 0; x < Tile; x++)
                    {
                        field[(y0 + y) * FieldPx + x0 + x] = pixels[y * Tile + x];
                        mask[(y0 + y) * FieldPx + x0 + x] = m[y * Tile + x];
                    }
            }
            var image = new float[small * small];
            var label = new float[small * small];
            Resize.Image(field, FieldPx, FieldPx, image, small, small);
            Resize.Image(mask, FieldPx, FieldPx, label, small, small);
            for (int i = 0; i < label.Length; i++) label[i] = label[i] >= 0.5f ? 1 : 0;
            SegmentationSample.Normalise(image);
            samples.Add(new SegmentationSample($"field{n}", small, small, image, label, Px * bin));
        }
        var clock = Stopwatch.StartNew();
        var job = new TrainingJob(new TrainingJobParameters(model, samples, network,
            new TrainerParameters(Epochs: epochs, BatchSize: 4, CropSize: Math.Min(small, 128), CropsPerImage: 1, Seed: 1), ValidationFraction: 0.1));
        var result = job.Run();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained {Path.GetFileName(model)}: {epochs} epochs on 40 fields of {small}², {clock.Elapsed.TotalSeconds:F0} s; last epoch {result.LastEpoch}"));
    }

    private static (int Bin, int Depth, int Kernel, bool Untrained) Parse(string config)
    {
        var parts = config.Split('-');
        int Get(char c) => int.Parse(parts.First(p => p[0] == c)[1..], CultureInfo.InvariantCulture);
        return (Get('b'), Get('d'), Get('k'), parts.Contains("u"));
    }

    private static (double Wall, double Cpu) Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        process.Refresh();
        return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
