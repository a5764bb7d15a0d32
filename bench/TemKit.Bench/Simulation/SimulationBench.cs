using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TemKit.Bench.Infrastructure;
using TemKit.Detector;
using TemKit.Fourier;
using TemKit.Optics;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Imaging;
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
        double tPotential = Timing.MedianSeconds(() => potential = PotentialSlicer.Build(specimen.All, grid, potentialParameters, slices), repeats);
        var multislice = new MultisliceParameters();
        ExitWave wave = null!;
        double tExit = Timing.MedianSeconds(() => wave = MultisliceSimulator.Run(potential, multislice), repeats);
        var imager = new WaveImager(wave);
        var optics = new ImagingParameters();
        var detector = DetectorModel.Preset(1);
        var rng = new Random(1);
        double tIntensity = Timing.MedianSeconds(() => imager.Intensity(optics), repeats * 2);
        double tEpoch = Timing.MedianSeconds(() => ParticleSimulation.RenderEpoch(imager, optics, 1000, detector, rng), repeats * 2);
        double tImager = Timing.MedianSeconds(() => new WaveImager(wave), repeats);
        double peak = Timing.PeakMiB();

        string dir = Path.Combine(Path.GetTempPath(), $"temkit-sim-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var peers = new List<(string Backend, double ExitSeconds, double EpochSeconds, double MaxDifference)>();
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
                peers.Add((backend, result.Value.Exit, result.Value.Epoch, maxDiff));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Console.WriteLine($"Exit wave {n}x{n} at {px} Å/px through {slices} slices of {dz} Å ({specimen.All.Length} atoms), 300 kV; FFT backend {Fft.Default.Name}; {Environment.ProcessorCount} cores; median of {repeats}");
        Console.WriteLine();
        Console.WriteLine("| step | TemKit (ms) | NumPy numpy.fft (ms) | SciPy scipy.fft c64 (ms) | speed-up vs faster peer |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var np = peers.FirstOrDefault(p => p.Backend == "numpy");
        var sp = peers.FirstOrDefault(p => p.Backend == "scipy");
        string Ms(double s) => s > 0 ? (s * 1000).ToString("F1", CultureInfo.InvariantCulture) : "not run";
        string Ratio(double mine, double a, double b)
        {
            double best = new[] { a, b }.Where(x => x > 0).DefaultIfEmpty(0).Min();
            return best > 0 ? (best / mine).ToString("F1", CultureInfo.InvariantCulture) + "x" : "-";
        }
        Console.WriteLine($"| multislice exit wave ({slices} slices, from potential slices) | {Ms(tExit)} | {Ms(np.ExitSeconds)} | {Ms(sp.ExitSeconds)} | {Ratio(tExit, np.ExitSeconds, sp.ExitSeconds)} |");
        Console.WriteLine($"| image epoch: transfer + intensity + blur | {Ms(tIntensity)} | {Ms(np.EpochSeconds)} | {Ms(sp.EpochSeconds)} | {Ratio(tIntensity, np.EpochSeconds, sp.EpochSeconds)} |");
        Console.WriteLine($"| image epoch incl. detector (dose, MTF, readout) | {Ms(tEpoch)} | | | |");
        Console.WriteLine($"| projected potential, {slices} slices ({specimen.All.Length} atoms) | {Ms(tPotential)} | | | |");
        Console.WriteLine($"| exit-wave spectrum for imaging (once per exit wave) | {Ms(tImager)} | | | |");
        Console.WriteLine();
        foreach (var p in peers)
            Console.WriteLine($"Largest |ψ_TemKit − ψ_{p.Backend}| over the exit wave: {p.MaxDifference:G3} (|ψ| ≈ 1; float32 rounding through {slices} slices).");
        if (peers.Count == 0) Console.WriteLine("Peers not run (python3 with numpy/scipy not found).");
        Console.WriteLine($"Exit wave mean intensity {wave.MeanIntensity:F4}. Peak working set of the TemKit part: {peak:F0} MiB.");
        return 0;
    }

    private static (double Exit, double Epoch)? RunPeer(string python, string arguments)
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
            return (doc.RootElement.GetProperty("exit_wave_s").GetDouble(), doc.RootElement.GetProperty("epoch_s").GetDouble());
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or JsonException or InvalidOperationException)
        {
            Console.Error.WriteLine($"peer not run: {e.Message}");
            return null;
        }
    }
}
