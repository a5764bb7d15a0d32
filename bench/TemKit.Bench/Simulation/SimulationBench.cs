using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TemKit.Bench.Infrastructure;
using TemKit.Detector;
using TemKit.Fourier;
using TemKit.Optics;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Transfer;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Bench.Simulation;

/// <summary>
/// HRTEM simulation speed: the exit wave of a 512x512 grid through 40 slices and one image epoch from the stored exit
/// wave, against the same multislice in NumPy (numpy.fft) and SciPy (scipy.fft, complex64, all cores) run on the same
/// potential slices in the same run (bench/peers/multislice_numpy.py).
/// </summary>
internal sealed class SimulationBench : IBench
{
    public string Name => "simulation";
    public string Description => "Multislice exit wave 512x512x40 slices and one image epoch vs NumPy/SciPy";

    public int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        const int n = 512, slices = 40;
        const double px = 0.075, dz = 2.0;
        var grid = new SimulationGrid(n, n, px);
        // A 2.5 nm Au particle on a CeO2 slab 80 Å deep along the beam: 40 slices of 2 Å.
        var particle = new FccParticleParameters(DiameterNanometres: 2.5, SupportMarginAngstrom: 27);
        var (specimen, _) = SupportedParticleBuilder.Build(particle, grid.CellXAngstrom, grid.CellYAngstrom, new Random(3), 0.5);
        var potentialParameters = new PotentialParameters(dz);
        SlicedPotential potential = null!;
        var (tPotential, cPotential) = WallAndCpu(() => potential = PotentialSlicer.Build(specimen.All, grid, potentialParameters, slices), repeats);
        var multislice = new MultisliceParameters();
        ExitWave wave = null!;
        var (tExit, cExit) = WallAndCpu(() => wave = MultisliceSimulator.Run(potential, multislice), repeats);
        var imager = new WaveImager(wave);
        var optics = new ImagingParameters();
        var detector = DetectorModel.Preset(1);
        var rng = new Random(1);
        var (tIntensity, cIntensity) = WallAndCpu(() => imager.Intensity(optics), repeats * 2);
        var (tEpoch, cEpoch) = WallAndCpu(() => ParticleSimulation.RenderEpoch(imager, optics, 1000, detector, rng), repeats * 2);
        var (tImager, cImager) = WallAndCpu(() => new WaveImager(wave), repeats);
        double peak = Timing.PeakMiB();

        string dir = Path.Combine(Path.GetTempPath(), $"temkit-sim-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var peers = new List<(string Backend, PeerTimes Times, double MaxDifference)>();
        try
        {
            string slicesPath = Path.Combine(dir, "slices.f32");
            using (var f = File.Create(slicesPath))
                foreach (var s in potential.Slices) f.Write(MemoryMarshal.AsBytes(s.AsSpan()));
            string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            string script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "peers", "multislice_numpy.py"));
            double sigma = ElectronOptics.InteractionConstantRadPerVoltAngstrom(300), lambda = ElectronOptics.WavelengthAngstrom(300);
            foreach (string backend in new[] { "numpy", "scipy" })
            {
                string outPath = Path.Combine(dir, $"exit-{backend}.c64");
                string arguments = string.Join(' ', new[] { $"\"{script}\"", $"\"{slicesPath}\"", $"{n}", $"{n}", $"{slices}",
                    px.ToString("R", CultureInfo.InvariantCulture), dz.ToString("R", CultureInfo.InvariantCulture),
                    sigma.ToString("R", CultureInfo.InvariantCulture), lambda.ToString("R", CultureInfo.InvariantCulture), $"{repeats}", $"\"{outPath}\"", backend });
                var result = RunPeer(python, arguments);
                if (result is null) continue;
                var other = MemoryMarshal.Cast<byte, ComplexF>(File.ReadAllBytes(outPath)).ToArray();
                double maxDiff = 0;
                for (int i = 0; i < other.Length; i++) maxDiff = Math.Max(maxDiff, (other[i] - wave.Values[i]).Magnitude);
                peers.Add((backend, result, maxDiff));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Console.WriteLine($"Exit wave {n}x{n} at {px} Å/px through {slices} slices of {dz} Å ({specimen.All.Length} atoms), 300 kV; FFT backend {Fft.Default.Name}; {Environment.ProcessorCount} cores; median of {repeats}");
        Console.WriteLine();
        Console.WriteLine("Wall-clock median (ms), and in brackets the CPU time of all threads (ms): the machine's load shows in the first, much less in the second.");
        Console.WriteLine();
        Console.WriteLine("| step | TemKit | NumPy numpy.fft | SciPy scipy.fft c64 | TemKit speed-up vs NumPy / SciPy (wall) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var np = peers.FirstOrDefault(p => p.Backend == "numpy").Times;
        var sp = peers.FirstOrDefault(p => p.Backend == "scipy").Times;
        static string Ms(double wall, double cpu) => wall > 0 ? FormattableString.Invariant($"{wall * 1000:F1} ({cpu * 1000:F0})") : "";
        static string Ratio(double mine, double other) => other > 0 ? FormattableString.Invariant($"{other / mine:F1}x") : "-";
        Console.WriteLine($"| multislice exit wave ({slices} slices, from potential slices) | {Ms(tExit, cExit)} | {Ms(np?.Exit ?? 0, np?.ExitCpu ?? 0)} | {Ms(sp?.Exit ?? 0, sp?.ExitCpu ?? 0)} | {Ratio(tExit, np?.Exit ?? 0)} / {Ratio(tExit, sp?.Exit ?? 0)} |");
        Console.WriteLine($"| image epoch: transfer + intensity + blur | {Ms(tIntensity, cIntensity)} | {Ms(np?.Epoch ?? 0, np?.EpochCpu ?? 0)} | {Ms(sp?.Epoch ?? 0, sp?.EpochCpu ?? 0)} | {Ratio(tIntensity, np?.Epoch ?? 0)} / {Ratio(tIntensity, sp?.Epoch ?? 0)} |");
        Console.WriteLine($"| image epoch incl. detector (dose, MTF, readout) | {Ms(tEpoch, cEpoch)} | | | |");
        Console.WriteLine($"| projected potential, {slices} slices ({specimen.All.Length} atoms) | {Ms(tPotential, cPotential)} | | | |");
        Console.WriteLine($"| exit-wave spectrum for imaging (once per exit wave) | {Ms(tImager, cImager)} | | | |");
        Console.WriteLine();
        foreach (var p in peers)
            Console.WriteLine($"Largest |ψ_TemKit − ψ_{p.Backend}| over the exit wave: {p.MaxDifference:G3} (|ψ| ≈ 1; float32 rounding through {slices} slices).");
        if (peers.Count == 0) Console.WriteLine("Peers not run (python3 with numpy/scipy not found).");
        Console.WriteLine($"Exit wave mean intensity {wave.MeanIntensity:F4}. Peak working set of the TemKit part: {peak:F0} MiB.");
        return 0;
    }

    private sealed record PeerTimes(double Exit, double Epoch, double ExitCpu, double EpochCpu);

    // Median wall-clock seconds and median CPU seconds (all threads of this process) over the repeats, after one warm-up.
    private static (double Wall, double Cpu) WallAndCpu(Action action, int repeats)
    {
        action();
        var wall = new double[repeats];
        var cpu = new double[repeats];
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < repeats; i++)
        {
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            action();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - c0).TotalSeconds;
        }
        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall[repeats / 2], cpu[repeats / 2]);
    }

    private static PeerTimes? RunPeer(string python, string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string output = p.StandardOutput.ReadToEnd();
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                Console.Error.WriteLine($"peer failed: {error.Trim()}");
                return null;
            }
            using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var r = doc.RootElement;
            return new PeerTimes(r.GetProperty("exit_wave_s").GetDouble(), r.GetProperty("epoch_s").GetDouble(),
                r.GetProperty("exit_wave_cpu_s").GetDouble(), r.GetProperty("epoch_cpu_s").GetDouble());
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"peer not run: {e.Message}");
            return null;
        }
    }
}
