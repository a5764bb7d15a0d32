using System.Diagnostics;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Tomography.Projection;

namespace TemKit.Tomography.Reconstruction;

/// <summary>Progress of a reconstruction: slabs of <see cref="SlabProjector.Lanes"/> slices finished.</summary>
/// <param name="SlabsDone">Slabs finished.</param>
/// <param name="SlabCount">Slabs in the volume.</param>
public sealed record ReconstructionProgress(int SlabsDone, int SlabCount);

/// <summary>Outcome of a reconstruction.</summary>
/// <param name="WidthPx">Volume x size (voxels).</param>
/// <param name="HeightPx">Volume y size, along the tilt axis (voxels).</param>
/// <param name="ThicknessPx">Volume z size (voxels).</param>
/// <param name="Projections">Projections used.</param>
/// <param name="Iterations">Largest iteration count over the slabs (1 for WBP).</param>
/// <param name="Seconds">Wall time of the reconstruction itself (excluding reading the stack).</param>
/// <param name="Volume">The volume (in-memory runs) or null (streamed to a file).</param>
public sealed record ReconstructionResult(int WidthPx, int HeightPx, int ThicknessPx, int Projections, int Iterations, double Seconds, ImageStack? Volume);

/// <summary>
/// Tomographic reconstruction of a single-axis tilt series (parallel beam, tilt axis = image y, <see cref="TiltGeometry"/>).
/// Each slice perpendicular to the axis is an independent 2D problem: slabs of <see cref="SlabProjector.Lanes"/> slices
/// run in parallel and each finished slab goes straight to its sink, so a volume written to a file is never held in
/// memory. The output volume is Width × Height × Thickness with sections along z (the beam at zero tilt), the orientation
/// IMOD gives after <c>clip rotx</c>/<c>trimvol -rx</c>.
/// </summary>
public static class TomogramReconstruction
{
    /// <summary>Reconstructs in memory (tests, notebooks, the demo). <paramref name="series"/> holds one projection per section.</summary>
    public static ReconstructionResult Reconstruct(ImageStack series, IReadOnlyList<double> tiltDegrees, ReconstructionOptions options,
        ReconstructionMask? mask = null, IProgress<ReconstructionProgress>? progress = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(series);
        var frames = Enumerable.Range(0, series.Nz).Select(z => series.Frame(z).ToArray()).ToArray();
        var g = Geometry(series.Nx, tiltDegrees, options);
        var volume = new ImageStack(series.Nx, series.Ny, g.ThicknessPx, StackKind.Volume, series.VoxelSize);
        var sw = Stopwatch.StartNew();
        int iterations = Run(frames, series.Ny, g, options, mask, progress, threads, (y0, count, z, rows) =>
            rows.CopyTo(volume.Frame(z).Slice(y0 * g.WidthPx, count * g.WidthPx)));
        return new ReconstructionResult(g.WidthPx, series.Ny, g.ThicknessPx, frames.Length, iterations, sw.Elapsed.TotalSeconds, volume);
    }

    /// <summary>
    /// Reads <paramref name="stackPath"/>, reconstructs and streams the volume to <paramref name="outputPath"/> (float32
    /// MRC, written atomically). The tilt list must already be validated against the stack (<see cref="TiltAngleFile.Validate"/>).
    /// </summary>
    public static ReconstructionResult Run(string stackPath, string outputPath, IReadOnlyList<double> tiltDegrees, ReconstructionOptions options,
        ReconstructionMask? mask = null, IProgress<ReconstructionProgress>? progress = null, int threads = 0)
    {
        float[][] frames;
        int width, height;
        VoxelSize voxel;
        using (var source = ImageFile.Open(stackPath))
        {
            TiltAngleFile.Validate(tiltDegrees, source.FrameCount, stackPath);
            width = source.Width;
            height = source.Height;
            voxel = source.VoxelSize;
            frames = new float[source.FrameCount][];
            for (int a = 0; a < frames.Length; a++)
            {
                frames[a] = new float[width * height];
                source.ReadFrame(a, frames[a]);
            }
        }
        var g = Geometry(width, tiltDegrees, options);
        if (mask != null && (mask.Width != width || mask.Height != height || mask.Thickness != g.ThicknessPx))
            throw new ArgumentException($"the mask was made for {mask.Width}x{mask.Height}x{mask.Thickness}, the reconstruction is {width}x{height}x{g.ThicknessPx}");
        var sw = Stopwatch.StartNew();
        int iterations = 0;
        string label = $"TemKit tomo reconstruct {options.Method.ToString().ToLowerInvariant()}, {frames.Length} tilts {tiltDegrees.Min():0.#}..{tiltDegrees.Max():0.#} deg";
        MrcVolumeWriter.Write(outputPath, width, height, g.ThicknessPx, voxel, writer =>
            iterations = Run(frames, height, g, options, mask, progress, threads, (y0, count, z, rows) => writer.WriteRows(z, y0, rows)),
            [label.Length > 80 ? label[..80] : label]);
        return new ReconstructionResult(width, height, g.ThicknessPx, frames.Length, iterations, sw.Elapsed.TotalSeconds, null);
    }

    /// <summary>The slice geometry of a reconstruction from projections <paramref name="widthPx"/> wide.</summary>
    public static SliceGeometry Geometry(int widthPx, IReadOnlyList<double> tiltDegrees, ReconstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SliceGeometry(widthPx, options.ThicknessPx > 0 ? options.ThicknessPx : widthPx, widthPx, tiltDegrees);
    }

    /// <summary>Receives <paramref name="count"/> finished rows (y0 ..) of section z.</summary>
    private delegate void RowSink(int y0, int count, int z, ReadOnlySpan<float> rows);

    private static int Run(float[][] frames, int height, SliceGeometry g, ReconstructionOptions options, ReconstructionMask? mask,
        IProgress<ReconstructionProgress>? progress, int threads, RowSink sink)
    {
        var reconstructor = new SlabReconstructor(g, options);
        int parallel = threads > 0 ? threads : Environment.ProcessorCount;
        if (reconstructor.Filter is { } filter)
        {
            var filtered = new float[frames.Length][];
            Parallel.For(0, frames.Length, new ParallelOptions { MaxDegreeOfParallelism = parallel }, a =>
            {
                filtered[a] = (float[])frames[a].Clone();
                filter.Apply(filtered[a], height);
            });
            frames = filtered;
        }
        int L = SlabProjector.Lanes, slabs = (height + L - 1) / L, done = 0, maxIterations = 0;
        Parallel.For(0, slabs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, slab =>
        {
            int y0 = slab * L, count = Math.Min(L, height - y0);
            var sinogram = new float[SlabProjector.SinogramLength(g)];
            SlabLayout.PackSinogram(g, a => frames[a], height, y0, sinogram);
            var volume = new float[SlabProjector.VolumeLength(g)];
            float[]? maskSlab = null;
            if (mask != null)
            {
                maskSlab = new float[volume.Length];
                mask.PackSlab(g, y0, maskSlab);
            }
            int iterations = reconstructor.Reconstruct(sinogram, volume, maskSlab);
            var rows = new float[count * g.WidthPx];
            for (int z = 0; z < g.ThicknessPx; z++)
            {
                SlabLayout.UnpackSection(g, volume, z, count, rows);
                sink(y0, count, z, rows);
            }
            int finished = Interlocked.Increment(ref done);
            InterlockedMax(ref maxIterations, iterations);
            progress?.Report(new ReconstructionProgress(finished, slabs));
        });
        return maxIterations;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
