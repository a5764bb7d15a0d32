using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Neural.Models;
using TemKit.Pipelines.Species;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.FocalSeries;

namespace TemKit.Bench.Species;

/// <summary>
/// Focal-series species speed: simulation of one training triplet (structure, potential, exit wave, three detected
/// images, class map) at the default 256² and at 512², and the analysis of one 512² triplet (normalisation, 3-channel
/// MSD-net inference, column peaks) with the network shape of docs/species.md (depth 50, 3x3, dilations 1..10).
/// </summary>
internal sealed class SpeciesBench : IBench
{
    public string Name => "species";
    public string Description => "Focal-series triplet simulation (256², 512²) and species analysis of a 512² triplet";

    public int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        foreach (int n in new[] { 256, 512 })
        {
            var ranges = FocalSeriesRanges.Default with { GridPixels = n, PixelSizeAngstrom = ParameterRange.Fixed(0.2) };
            FocalSeriesSimulator.Simulate(ranges, new Random(0));
            double best = double.PositiveInfinity;
            for (int r = 0; r < repeats; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                FocalSeriesSimulator.Simulate(ranges, new Random(r + 1));
                best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulate triplet {n}x{n}: {best:F3} s (best of {repeats})"));
        }
        var sample = FocalSeriesSimulator.Simulate(FocalSeriesRanges.Default with { GridPixels = 512, PixelSizeAngstrom = ParameterRange.Fixed(0.2) }, new Random(9));
        var triplet = new FocalTriplet("bench", 512, 512, [.. Enumerable.Range(0, 3).Select(k => sample.Images.Data.Slice(k * 512 * 512, 512 * 512).ToArray())], 0.2);
        var network = NetworkFactory.Create(new MsdNetParameters(Depth: 50, KernelSize: 3, MaxDilation: 10, InputChannels: 3, Classes: 4));
        var options = new SpeciesOptions(new ColumnFinderOptions(EdgeMarginAngstrom: 2));
        SpeciesRun.Analyse(network, triplet, 0, options);
        double bestAnalyse = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            SpeciesRun.Analyse(network, triplet, 0, options);
            bestAnalyse = Math.Min(bestAnalyse, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"species analysis of a 512x512 triplet (registration, MSD depth 50 3x3 inference, peaks): {bestAnalyse:F3} s (best of {repeats}); peak {Timing.PeakMiB():F0} MiB"));
        return 0;
    }
}
