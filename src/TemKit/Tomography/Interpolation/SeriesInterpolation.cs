using System.Diagnostics;
using System.Globalization;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Tomography.Interpolation;

/// <summary>Settings of <see cref="SeriesInterpolation"/> (the job behind <c>temkit tomo interpolate</c>).</summary>
public sealed record SeriesInterpolationParameters
{
    /// <summary>The recorded tilt series (MRC/DM/...; one projection per section).</summary>
    public required string StackPath { get; init; }

    /// <summary>Its tilt angles (degrees, one per frame, strictly increasing or decreasing).</summary>
    public required IReadOnlyList<double> TiltsDegrees { get; init; }

    /// <summary>The interpolation model file (.tkm).</summary>
    public required string ModelPath { get; init; }

    /// <summary>Target tilt step (degrees): every gap is cut into a power-of-two number of steps of this size.</summary>
    public required double ToStepDegrees { get; init; }

    /// <summary>Densified stack to write (MRC); OUT.rawtlt and OUT.synthetic.csv are written beside it.</summary>
    public required string OutputPath { get; init; }

    /// <summary>When set, both the recorded and the densified series are reconstructed with these options (OUT_recorded_rec.mrc, OUT_rec.mrc).</summary>
    public ReconstructionOptions? Reconstruct { get; init; }

    /// <summary>Reconstruction threads (0 = all cores).</summary>
    public int Threads { get; init; }
}

/// <summary>What <see cref="SeriesInterpolation.Run"/> wrote.</summary>
/// <param name="Frames">Frames of the densified stack.</param>
/// <param name="Synthetic">Of those, predicted by the model.</param>
/// <param name="TiltsDegrees">Tilt of every densified frame.</param>
/// <param name="SyntheticFlags">True for each predicted frame.</param>
/// <param name="Files">Every file written.</param>
/// <param name="SecondsPerFrame">Model time per predicted frame (s).</param>
/// <param name="Warning">A warning about the model's fit to the stack (no pixel size), or null.</param>
public sealed record SeriesInterpolationResult(int Frames, int Synthetic, IReadOnlyList<double> TiltsDegrees, IReadOnlyList<bool> SyntheticFlags,
    IReadOnlyList<string> Files, double SecondsPerFrame, string? Warning);

/// <summary>
/// Densifies a recorded tilt series with a trained <see cref="InterpolationNetwork"/>: each gap between neighbouring
/// frames is cut into 2^k steps of about the requested size and filled by recursive bisection
/// (<see cref="PairwiseFiller"/>); writes the stack, its .rawtlt, a CSV marking the synthetic frames and optionally the
/// reconstructions of the recorded and the densified series.
/// </summary>
public static class SeriesInterpolation
{
    /// <summary>Largest mismatch between a gap and its power-of-two number of target steps (fraction of the target step).</summary>
    public const double StepTolerance = 0.1;

    /// <summary>The number of target steps each gap is cut into (1 when the gap is already at most the target step).</summary>
    public static int[] Factors(IReadOnlyList<double> tiltsDegrees, double toStepDegrees, string source)
    {
        ArgumentNullException.ThrowIfNull(tiltsDegrees);
        if (!(toStepDegrees > 0 && toStepDegrees <= 90)) throw new ArgumentException($"target step must be in (0, 90]°, got {toStepDegrees}");
        var factors = new int[tiltsDegrees.Count - 1];
        for (int k = 0; k < factors.Length; k++)
        {
            double gap = Math.Abs(tiltsDegrees[k + 1] - tiltsDegrees[k]);
            int f = Math.Max(1, (int)Math.Round(gap / toStepDegrees));
            if (f > 1 && ((f & (f - 1)) != 0 || Math.Abs(gap / f - toStepDegrees) > StepTolerance * toStepDegrees))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: the {gap:0.###}° gap between {tiltsDegrees[k]:0.###}° and {tiltsDegrees[k + 1]:0.###}° is not a power-of-two multiple of {toStepDegrees:0.###}° (each gap is halved recursively): choose --to-step {gap / 2:0.###}, {gap / 4:0.###} or {gap / 8:0.###}"));
            factors[k] = f;
        }
        return factors;
    }

    /// <summary>Runs the job.</summary>
    public static SeriesInterpolationResult Run(SeriesInterpolationParameters p, IProgress<int>? gapsDone = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        var series = ImageFile.Read(p.StackPath);
        TiltAngleFile.Validate(p.TiltsDegrees, series.Nz, p.StackPath);
        var model = InterpolationModelFile.Load(p.ModelPath);
        string? warning = InterpolationModelCheck.Require(model, series.VoxelSize.XAngstrom, series.Nx, series.Ny, p.StackPath);
        var factors = Factors(p.TiltsDegrees, p.ToStepDegrees, p.StackPath);
        var filler = new PairwiseFiller(new LearnedInterpolator(model.Network));
        var frames = new List<float[]>();
        var tilts = new List<double>();
        var synthetic = new List<bool>();
        long ticks = 0;
        for (int k = 0; k + 1 < series.Nz; k++)
        {
            var pair = new ImageStack(series.Nx, series.Ny, 2, [.. series.Frame(k), .. series.Frame(k + 1)], StackKind.ImageStack, series.VoxelSize);
            long t0 = Stopwatch.GetTimestamp();
            var dense = filler.Fill(pair, [p.TiltsDegrees[k], p.TiltsDegrees[k + 1]], factors[k]);
            ticks += Stopwatch.GetTimestamp() - t0;
            var denseTilts = TiltSeriesFilling.DenseTilts([p.TiltsDegrees[k], p.TiltsDegrees[k + 1]], factors[k]);
            for (int j = 0; j < factors[k]; j++)
            {
                frames.Add(dense.Frame(j).ToArray());
                tilts.Add(Math.Round(denseTilts[j], 6));
                synthetic.Add(j > 0);
            }
            gapsDone?.Report(k + 1);
        }
        frames.Add(series.Frame(series.Nz - 1).ToArray());
        tilts.Add(p.TiltsDegrees[^1]);
        synthetic.Add(false);
        var output = new ImageStack(series.Nx, series.Ny, frames.Count, [.. frames.SelectMany(f => f)], StackKind.ImageStack, series.VoxelSize, series.Metadata);
        var files = new List<string> { p.OutputPath };
        MrcFile.Write(p.OutputPath, output);
        string rawtlt = Path.ChangeExtension(p.OutputPath, ".rawtlt"), csv = Path.ChangeExtension(p.OutputPath, ".synthetic.csv");
        TiltAngleFile.Write(rawtlt, tilts);
        CsvFiles.WriteTable(csv, ["frame", "tilt_deg", "synthetic"], tilts.Select((t, i) => (IReadOnlyList<string>)[i.ToString(CultureInfo.InvariantCulture), t.ToString("R", CultureInfo.InvariantCulture), synthetic[i] ? "1" : "0"]));
        files.Add(rawtlt);
        files.Add(csv);
        if (p.Reconstruct is { } options)
        {
            string stem = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(p.OutputPath))!, Path.GetFileNameWithoutExtension(p.OutputPath));
            MrcFile.Write(stem + "_recorded_rec.mrc", TomogramReconstruction.Reconstruct(series, p.TiltsDegrees, options, threads: p.Threads).Volume!);
            MrcFile.Write(stem + "_rec.mrc", TomogramReconstruction.Reconstruct(output, tilts, options, threads: p.Threads).Volume!);
            files.Add(stem + "_recorded_rec.mrc");
            files.Add(stem + "_rec.mrc");
        }
        int made = synthetic.Count(s => s);
        return new SeriesInterpolationResult(frames.Count, made, tilts, synthetic, files, made == 0 ? 0 : (double)ticks / Stopwatch.Frequency / made, warning);
    }
}
