using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Detector;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.Segmentation;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Bench.Particles;

/// <summary>
/// `temkit particles` on 4096² frames (issue 13): 16 simulated 2.5 nm Au particles (4 multislice images, 0.1 Å/px, pasted
/// on a vacuum frame at 1000 e/Å²), drifting 5 px per frame. Times per frame (a) the analysis with the true masks
/// (components, regional Fourier of every particle, part files) and (b) with an MSD-net (untrained: the time does not
/// depend on the weights) at a model pixel size <c>binning</c> times larger than the frame's (1 = full resolution), which
/// <see cref="Segmenter"/> reaches by resampling. Wall and CPU time are both printed: on a shared machine only CPU time is
/// meaningful. Arguments: [frames=2] [depth=50] [binning=4]. The stacks stay in
/// /tmp/temkit-particles-bench for a memory measurement with /usr/bin/time -v.
/// </summary>
internal sealed class ParticleFrameBench : IBench
{
    private const int Side = 4096, Tile = 320;
    private const double Px = 0.1;

    public string Name => "particles-frame";
    public string Description => "temkit particles on 4096² frames with 16 particles: masks only, network full-res and binned";

    public int Run(string[] args)
    {
        int frames = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        int depth = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        int binning = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        string dir = Path.Combine(Path.GetTempPath(), "temkit-particles-bench");
        Directory.CreateDirectory(dir);
        var (images, masks) = Compose(dir, frames);
        Console.WriteLine($"stacks: {images}, {masks} ({frames} frames of {Side}²)");

        var options = new ParticlesRunOptions { ReportFrames = 1 };
        Profile(images, masks, options);
        string run = Path.Combine(dir, "run-masks");
        if (Directory.Exists(run)) Directory.Delete(run, true);
        var clock = Stopwatch.StartNew();
        var cpu = CpuSeconds();
        ParticlesRunResult result;
        using (var detector = new MaskStackDetector([masks]))
            result = new ParticlesRun(run, detector, options).Run([images]);
        double perFrame = clock.Elapsed.TotalSeconds / frames, cpuPerFrame = (CpuSeconds() - cpu) / frames;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| masks (no network), whole run incl. tables, kept stack, report | {perFrame:F2} s/frame wall | {cpuPerFrame:F2} CPU-s/frame | particles per frame {string.Join(",", result.Frames.Select(f => f.Particles.Count))} | tracks {result.Tracks.Count} |"));

        foreach (int bin in new[] { binning })
        {
            string model = Path.Combine(dir, $"msd{depth}-bin{bin}.tkm");
            ModelFile.Save(model, new MsdNet(new MsdNetParameters(Depth: depth, Seed: 1)), input: ModelInput.FromPixelSizes([Px * bin]));
            string netRun = Path.Combine(dir, $"run-net-bin{bin}");
            if (Directory.Exists(netRun)) Directory.Delete(netRun, true);
            var checkpoint = ModelFile.Load(model);
            var detector = new NetworkParticleDetector(checkpoint, options.Segmentation, Path.GetFileName(model));
            clock.Restart();
            cpu = CpuSeconds();
            // One frame is enough to time the network: shard 0 of `frames` analyses frame 0 only.
            var netResult = new ParticlesRun(netRun, detector, options) { Shard = (0, frames) }.Run([images]);
            double perNetFrame = clock.Elapsed.TotalSeconds / Math.Max(1, netResult.Processed), cpuNet = (CpuSeconds() - cpu) / Math.Max(1, netResult.Processed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| MSD-net depth {depth}, model pixel {Px * bin:F2} Å ({bin}x binned) | {perNetFrame:F2} s/frame wall | {cpuNet:F2} CPU-s/frame ({netResult.Processed} frame) |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Timing.PeakMiB():F0} MiB (whole bench process, including composing the frames)"));
        return 0;
    }

    /// <summary>Stage times of frame 0 (read, masks, components, Fourier of every particle, figures), CPU and wall.</summary>
    private static void Profile(string images, string masks, ParticlesRunOptions options)
    {
        using var source = ImageFile.Open(images);
        var buffer = new float[Side * Side];
        var image = new Image2D(Side, Side, buffer, VoxelSize.Isotropic(Px));
        using var detector = new MaskStackDetector([masks]);
        var stages = new List<(string Name, double Wall, double Cpu)>();
        void Stage(string name, Action action)
        {
            using var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            process.Refresh();
            stages.Add((name, clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu0).TotalSeconds));
        }
        Stage("read frame", () => source.ReadFrame(0, buffer));
        ParticleFrameResult? analysis = null;
        Stage("masks + components + Fourier of 16 particles", () => analysis = ParticleFrameAnalysis.Analyse(image, 0, images, 0, detector, options));
        Stage("  of which Fourier of 16 particles", () =>
        {
            foreach (var p in analysis!.Record.Particles) RegionalFourier.Analyse(image, analysis.Labels, p.Label, p.Box, options.Fourier);
        });
        string figures = Path.Combine(Path.GetTempPath(), "temkit-particles-bench", "profile-figures");
        Directory.CreateDirectory(figures);
        Stage("figures (report frames only)", () => ParticleFigures.Write(figures, image, ParticleFrameAnalysis.Analyse(image, 0, images, 0, detector, options, keepSpectra: true)));
        foreach (var (name, wall, cpu) in stages)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {wall:F3} s wall | {cpu:F3} CPU-s |"));
    }

    /// <summary>Writes the image and mask stacks (frame by frame composition, 16 particles from 4 simulations).</summary>
    internal static (string Images, string Masks) Compose(string dir, int frames)
    {
        string imagePath = Path.Combine(dir, $"frames{frames}.mrc"), maskPath = Path.Combine(dir, $"masks{frames}.mrc");
        if (File.Exists(imagePath) && File.Exists(maskPath)) return (imagePath, maskPath);
        var grid = new SimulationGrid(Tile, Tile, Px);
        var tiles = new List<(float[] Image, float[] Mask)>();
        for (int s = 0; s < 4; s++)
        {
            var particle = new FccParticleParameters(DiameterNanometres: 2.5, TiltDegrees: s * 2.5);
            var sim = ParticleSimulation.Simulate(particle, grid, new PotentialParameters(), new MultisliceParameters(), new Random(s + 1));
            var (detected, _) = ParticleSimulation.RenderEpoch(new WaveImager(sim.ExitWave), new ImagingParameters(DefocusAngstrom: 60), 1000, DetectorModel.Preset(4), new Random(s + 10));
            tiles.Add((detected.Pixels.ToArray(), sim.Mask.Pixels.ToArray()));
        }
        var images = new ImageStack(Side, Side, frames, voxelSize: VoxelSize.Isotropic(Px));
        var maskStack = new ImageStack(Side, Side, frames, voxelSize: VoxelSize.Isotropic(Px));
        var rng = new Random(7);
        double mean = 1000 * Px * Px;
        for (int z = 0; z < frames; z++)
        {
            var frame = images.Data.Slice(z * Side * Side, Side * Side);
            var mask = maskStack.Data.Slice(z * Side * Side, Side * Side);
            for (int i = 0; i < frame.Length; i++) frame[i] = (float)(mean + Math.Sqrt(mean) * Gaussian(rng));
            for (int k = 0; k < 16; k++)
            {
                int x0 = 300 + (k % 4) * 900 + 5 * z, y0 = 300 + (k / 4) * 900;
                var (image, m) = tiles[k % 4];
                for (int y = 0; y < Tile; y++)
                    for (int x = 0; x < Tile; x++)
                    {
                        frame[(y0 + y) * Side + x0 + x] = image[y * Tile + x];
                        mask[(y0 + y) * Side + x0 + x] = m[y * Tile + x];
                    }
            }
        }
        MrcFile.Write(imagePath, images);
        MrcFile.Write(maskPath, maskStack);
        return (imagePath, maskPath);
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
