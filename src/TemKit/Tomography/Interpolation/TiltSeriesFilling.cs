using TemKit.Imaging;
using TemKit.Tomography.Projection;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Tomography.Interpolation;

/// <summary>Fills the missing frames of a tilt series recorded at a coarser step.</summary>
public interface ITiltSeriesFiller
{
    /// <summary>Short name for tables ("linear", "learned", "reprojection").</summary>
    string Name { get; }

    /// <summary>
    /// The dense series: <paramref name="factor"/> − 1 frames inserted between each pair of neighbours of
    /// <paramref name="kept"/> (at evenly spaced tilts, <see cref="TiltSeriesFilling.DenseTilts"/>); kept frame k becomes
    /// frame k·factor.
    /// </summary>
    ImageStack Fill(ImageStack kept, IReadOnlyList<double> keptTiltsDegrees, int factor);
}

/// <summary>Series-level helpers shared by the fillers.</summary>
public static class TiltSeriesFilling
{
    /// <summary>The tilts of the dense series: each interval of <paramref name="tiltsDegrees"/> cut into <paramref name="factor"/> equal steps.</summary>
    public static double[] DenseTilts(IReadOnlyList<double> tiltsDegrees, int factor)
    {
        ArgumentNullException.ThrowIfNull(tiltsDegrees);
        if (factor < 1) throw new ArgumentException($"factor must be ≥ 1, got {factor}");
        var dense = new double[(tiltsDegrees.Count - 1) * factor + 1];
        for (int k = 0; k + 1 < tiltsDegrees.Count; k++)
            for (int j = 0; j < factor; j++) dense[k * factor + j] = tiltsDegrees[k] + (tiltsDegrees[k + 1] - tiltsDegrees[k]) * j / factor;
        dense[^1] = tiltsDegrees[^1];
        return dense;
    }

    /// <summary>Every <paramref name="step"/>-th frame of <paramref name="series"/> from frame 0 (and the matching tilts).</summary>
    public static (ImageStack Series, double[] TiltsDegrees) EveryNth(ImageStack series, IReadOnlyList<double> tiltsDegrees, int step)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(tiltsDegrees);
        var idx = Enumerable.Range(0, series.Nz).Where(i => i % step == 0).ToArray();
        var data = new float[idx.Length * series.FrameLength];
        for (int k = 0; k < idx.Length; k++) series.Frame(idx[k]).CopyTo(data.AsSpan(k * series.FrameLength));
        return (new ImageStack(series.Nx, series.Ny, idx.Length, data, StackKind.ImageStack, series.VoxelSize, series.Metadata), idx.Select(i => tiltsDegrees[i]).ToArray());
    }

    internal static ImageStack Dense(ImageStack kept, int factor)
    {
        if (factor < 1) throw new ArgumentException($"factor must be ≥ 1, got {factor}");
        if (kept.Nz < 2) throw new ArgumentException("a tilt series needs at least 2 frames to fill between");
        var dense = new ImageStack(kept.Nx, kept.Ny, (kept.Nz - 1) * factor + 1, StackKind.ImageStack, kept.VoxelSize, kept.Metadata);
        for (int k = 0; k < kept.Nz; k++) kept.Frame(k).CopyTo(dense.Frame(k * factor));
        return dense;
    }
}

/// <summary>
/// Fills each gap by recursive bisection with a pairwise <see cref="IFrameInterpolator"/>: the midpoint of the two
/// recorded frames first (half-gap = half their tilt difference), then the midpoints of each half from the frames
/// already there, so the factor must be a power of two.
/// </summary>
public sealed class PairwiseFiller(IFrameInterpolator interpolator) : ITiltSeriesFiller
{
    /// <inheritdoc />
    public string Name => interpolator.Name;

    /// <inheritdoc />
    public ImageStack Fill(ImageStack kept, IReadOnlyList<double> keptTiltsDegrees, int factor)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (factor < 1 || (factor & (factor - 1)) != 0) throw new ArgumentException($"pairwise filling halves each gap, so the factor must be a power of two, got {factor}");
        var dense = TiltSeriesFilling.Dense(kept, factor);
        var tilts = TiltSeriesFilling.DenseTilts(keptTiltsDegrees, factor);
        for (int k = 0; k + 1 < kept.Nz; k++) Bisect(dense, tilts, k * factor, (k + 1) * factor);
        return dense;
    }

    private void Bisect(ImageStack dense, double[] tilts, int lo, int hi)
    {
        if (hi - lo < 2) return;
        int mid = (lo + hi) / 2;
        interpolator.Midpoint(dense.Frame(lo), dense.Frame(hi), dense.Nx, dense.Ny, Math.Abs(tilts[hi] - tilts[lo]) / 2, dense.Frame(mid));
        Bisect(dense, tilts, lo, mid);
        Bisect(dense, tilts, mid, hi);
    }
}

/// <summary>
/// The physics baseline: reconstruct from the recorded frames (SIRT by default, the existing
/// <see cref="TomogramReconstruction"/>) and reproject at the missing tilts with the same projector
/// (<see cref="Reprojection"/>).
/// </summary>
public sealed class ReprojectionFiller(ReconstructionOptions options, int threads = 0) : ITiltSeriesFiller
{
    /// <inheritdoc />
    public string Name => "reprojection";

    /// <inheritdoc />
    public ImageStack Fill(ImageStack kept, IReadOnlyList<double> keptTiltsDegrees, int factor)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var dense = TiltSeriesFilling.Dense(kept, factor);
        if (factor == 1) return dense;
        var tilts = TiltSeriesFilling.DenseTilts(keptTiltsDegrees, factor);
        var volume = TomogramReconstruction.Reconstruct(kept, keptTiltsDegrees, options, threads: threads).Volume!;
        var missing = Enumerable.Range(0, dense.Nz).Where(i => i % factor != 0).ToArray();
        var projected = Reprojection.Project(volume, missing.Select(i => tilts[i]).ToArray(), threads: threads);
        for (int m = 0; m < missing.Length; m++) projected.Frame(m).CopyTo(dense.Frame(missing[m]));
        return dense;
    }
}
