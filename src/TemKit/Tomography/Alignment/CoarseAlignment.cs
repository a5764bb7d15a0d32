using TemKit.Imaging;

namespace TemKit.Tomography.Alignment;

/// <summary>
/// Coarse alignment of a single-axis tilt series, as IMOD's <c>tiltxcorr</c> does it: each frame is cross-correlated with
/// its neighbour one step closer to zero tilt after stretching by cos θ_near / cos θ_far perpendicular to the tilt axis,
/// and the shifts are accumulated outwards from the zero-tilt frame. The tilt-axis angle in the image plane is found
/// first from the tilt-invariant profile along the axis: projected onto the true axis direction, every view of the
/// object gives the same 1D profile (up to a shift along the axis), so the angle maximising the agreement of the
/// profiles (mean normalised correlation with the zero-tilt profile) is the axis.
/// </summary>
public static partial class CoarseAlignment
{
    /// <summary>Aligns <paramref name="series"/> (one projection per section) with tilts <paramref name="tiltDegrees"/>.</summary>
    public static AlignmentResult Align(ImageStack series, IReadOnlyList<double> tiltDegrees, AlignmentOptions options, IProgress<string>? stage = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TiltAngleFile.Validate(tiltDegrees, series.Nz, "tilt list");
        int w = series.Nx, h = series.Ny, n = series.Nz;
        int reference = Enumerable.Range(0, n).MinBy(i => Math.Abs(tiltDegrees[i]));
        stage?.Report("tilt axis");
        double axis = options.EstimateTiltAxis ? EstimateAxis(series, reference, options) : options.TiltAxisDegrees;
        stage?.Report("shifts");
        var rotated = new float[n][];
        Parallel.For(0, n, i => rotated[i] = ImageOps.Transform(series.Frame(i), w, h, -axis, 1, 0, 0));
        var shifts = new (double X, double Y)[n];
        int maxShift = (int)(options.MaxShiftFraction * Math.Min(w, h));
        var relative = new (double X, double Y)[n];
        Parallel.For(0, n, i =>
        {
            if (i == reference) return;
            int j = i > reference ? i - 1 : i + 1;
            double ci = Math.Cos(tiltDegrees[i] * Math.PI / 180), cj = Math.Cos(tiltDegrees[j] * Math.PI / 180);
            double stretch = cj / Math.Max(ci, 1e-3);
            var moving = ImageOps.Taper(ImageOps.Transform(rotated[i], w, h, 0, stretch, 0, 0), w, h);
            var fixedImage = ImageOps.Taper(rotated[j], w, h);
            var (sx, sy, _) = ImageOps.Shift(fixedImage, moving, w, h, options.LowPassCyclesPerPixel, options.HighPassCyclesPerPixel, maxShift);
            relative[i] = (sx / stretch, sy);
        });
        for (int i = reference + 1; i < n; i++) shifts[i] = (shifts[i - 1].X + relative[i].X, shifts[i - 1].Y + relative[i].Y);
        for (int i = reference - 1; i >= 0; i--) shifts[i] = (shifts[i + 1].X + relative[i].X, shifts[i + 1].Y + relative[i].Y);
        return new AlignmentResult(axis, shifts, [.. tiltDegrees], reference);
    }

    /// <summary>The aligned series: each frame rotated by −axis about its centre, then moved by −shift (bilinear).</summary>
    public static ImageStack Apply(ImageStack series, AlignmentResult alignment)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(alignment);
        var aligned = new ImageStack(series.Nx, series.Ny, series.Nz, series.Kind, series.VoxelSize, series.Metadata);
        Parallel.For(0, series.Nz, i =>
            ImageOps.Transform(series.Frame(i), series.Nx, series.Ny, -alignment.TiltAxisDegrees, 1, -alignment.ShiftsPx[i].X, -alignment.ShiftsPx[i].Y)
                .CopyTo(aligned.Frame(i)));
        return aligned;
    }
}
