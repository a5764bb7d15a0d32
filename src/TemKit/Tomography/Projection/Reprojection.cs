using TemKit.Imaging;

namespace TemKit.Tomography.Projection;

/// <summary>
/// Projects a volume (Width × Height × Thickness, sections along z) into a tilt series with the reconstruction's own
/// projector A (<see cref="SlabProjector"/>), so a reconstruction can be compared with its input frames. Projection
/// values are line integrals in voxel units; frames are Width × Height, one per tilt.
/// </summary>
public static class Reprojection
{
    /// <summary>Reprojects <paramref name="volume"/> at <paramref name="tiltDegrees"/> on <paramref name="threads"/> threads (0 = all cores).</summary>
    public static ImageStack Project(ImageStack volume, IReadOnlyList<double> tiltDegrees, IProgress<int>? slabsDone = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var g = new SliceGeometry(volume.Nx, volume.Nz, volume.Nx, tiltDegrees);
        var series = new ImageStack(volume.Nx, volume.Ny, g.AngleCount, StackKind.ImageStack, volume.VoxelSize);
        int L = SlabProjector.Lanes, slabs = (volume.Ny + L - 1) / L, done = 0;
        var sections = Enumerable.Range(0, volume.Nz).Select(z => new ReadOnlyMemory<float>(volume.Array, z * volume.FrameLength, volume.FrameLength)).ToArray();
        Parallel.For(0, slabs, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount }, slab =>
        {
            int y0 = slab * L, count = Math.Min(L, volume.Ny - y0);
            var v = new float[SlabProjector.VolumeLength(g)];
            SlabLayout.PackVolume(g, z => sections[z], volume.Ny, y0, v);
            var p = new float[SlabProjector.SinogramLength(g)];
            SlabProjector.Forward(g, v, p);
            var rows = new float[count * g.DetectorPx];
            for (int a = 0; a < g.AngleCount; a++)
            {
                SlabLayout.UnpackProjection(g, p, a, count, rows);
                rows.CopyTo(series.Frame(a).Slice(y0 * g.DetectorPx, rows.Length));
            }
            slabsDone?.Report(Interlocked.Increment(ref done));
        });
        return series;
    }
}
