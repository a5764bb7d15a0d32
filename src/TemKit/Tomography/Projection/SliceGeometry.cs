namespace TemKit.Tomography.Projection;

/// <summary>
/// Geometry of one slice perpendicular to the tilt axis (an x–z plane at fixed image row y): a grid of
/// <see cref="WidthPx"/> × <see cref="ThicknessPx"/> voxels projected, as <see cref="TiltGeometry"/> defines, onto a
/// detector row of <see cref="DetectorPx"/> pixels at each tilt angle. Voxel (x, z) has centred coordinates
/// (x − (WidthPx − 1)/2, z − (ThicknessPx − 1)/2); detector pixel u sits at u − (DetectorPx − 1)/2. All slices of a
/// tilt series share one geometry, so the per-angle cos/sin and offsets are computed once.
/// </summary>
public sealed class SliceGeometry
{
    /// <summary>Creates the geometry; angles in degrees (any order, each in [−90°, 90°]).</summary>
    public SliceGeometry(int widthPx, int thicknessPx, int detectorPx, IReadOnlyList<double> tiltDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thicknessPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(detectorPx);
        ArgumentNullException.ThrowIfNull(tiltDegrees);
        if (tiltDegrees.Count == 0) throw new ArgumentException("at least one tilt angle is needed", nameof(tiltDegrees));
        WidthPx = widthPx;
        ThicknessPx = thicknessPx;
        DetectorPx = detectorPx;
        TiltDegrees = [.. tiltDegrees];
        Cos = new float[TiltDegrees.Length];
        Sin = new float[TiltDegrees.Length];
        for (int a = 0; a < TiltDegrees.Length; a++)
        {
            double t = TiltDegrees[a] * Math.PI / 180;
            if (!double.IsFinite(t)) throw new ArgumentException($"tilt angle {a} is not a number", nameof(tiltDegrees));
            Cos[a] = (float)Math.Cos(t);
            Sin[a] = (float)Math.Sin(t);
        }
    }

    /// <summary>Slice width along x (voxels).</summary>
    public int WidthPx { get; }

    /// <summary>Slice thickness along z, the beam direction at zero tilt (voxels).</summary>
    public int ThicknessPx { get; }

    /// <summary>Detector row length (pixels).</summary>
    public int DetectorPx { get; }

    /// <summary>Tilt angles (degrees), in the order of the projections.</summary>
    public double[] TiltDegrees { get; }

    /// <summary>Number of projections.</summary>
    public int AngleCount => TiltDegrees.Length;

    /// <summary>Voxels per slice.</summary>
    public int SliceVoxels => WidthPx * ThicknessPx;

    /// <summary>Sinogram row length including one guard bin at each end (the projector's internal layout).</summary>
    public int PaddedRow => DetectorPx + 2;

    internal float[] Cos { get; }

    internal float[] Sin { get; }

    /// <summary>
    /// Padded detector coordinate (guard bin = index 0) of voxel x = 0 in row <paramref name="z"/> for every angle:
    /// u(x) = base[a] + x cos θ_a.
    /// </summary>
    internal void RowBase(int z, Span<float> destination)
    {
        float cx = 0.5f * (WidthPx - 1), cz = 0.5f * (ThicknessPx - 1), cd = 0.5f * (DetectorPx - 1);
        float zc = z - cz;
        for (int a = 0; a < Cos.Length; a++) destination[a] = zc * Sin[a] - cx * Cos[a] + cd + 1;
    }
}
