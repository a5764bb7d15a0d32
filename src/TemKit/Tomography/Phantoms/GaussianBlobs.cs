namespace TemKit.Tomography.Phantoms;

/// <summary>One Gaussian blob: centre in voxels about the volume centre (x right, y along the tilt axis, z along the beam), σ in voxels.</summary>
/// <param name="X">Centre x (voxels from the centre).</param>
/// <param name="Y">Centre y (voxels from the centre).</param>
/// <param name="Z">Centre z (voxels from the centre).</param>
/// <param name="SigmaPx">Standard deviation (voxels).</param>
/// <param name="Amplitude">Peak value.</param>
public readonly record struct GaussianBlob(double X, double Y, double Z, double SigmaPx, double Amplitude);

/// <summary>
/// A phantom of Gaussian blobs, rendered as a volume or projected analytically through <see cref="TiltGeometry"/>
/// (independently of the discrete projector), so a reconstruction's orientation can be checked against the truth.
/// </summary>
public static class GaussianBlobs
{
    /// <summary>
    /// An asymmetric set: <paramref name="count"/> blobs of different sizes and amplitudes at seeded random positions
    /// within ±<paramref name="extentPx"/>/2 in x, y and ±<paramref name="depthPx"/>/2 in z.
    /// </summary>
    public static GaussianBlob[] Random(int count, double extentPx, double depthPx, int seed)
    {
        var rng = new Random(seed);
        var blobs = new GaussianBlob[count];
        for (int i = 0; i < count; i++)
            blobs[i] = new GaussianBlob((rng.NextDouble() - 0.5) * extentPx, (rng.NextDouble() - 0.5) * extentPx, (rng.NextDouble() - 0.5) * depthPx,
                1.5 + 2.5 * rng.NextDouble(), 0.5 + rng.NextDouble());
        return blobs;
    }

    /// <summary>Renders the blobs on an nx × ny × nz grid (sections z, [y·nx + x]).</summary>
    public static float[] Render(IReadOnlyList<GaussianBlob> blobs, int nx, int ny, int nz)
    {
        var v = new float[(long)nx * ny * nz];
        double cx = (nx - 1) / 2.0, cy = (ny - 1) / 2.0, cz = (nz - 1) / 2.0;
        Parallel.For(0, nz, z =>
        {
            foreach (var b in blobs)
            {
                double dz = z - cz - b.Z, s2 = 2 * b.SigmaPx * b.SigmaPx, ez = Math.Exp(-dz * dz / s2);
                if (ez < 1e-7) continue;
                for (int y = 0; y < ny; y++)
                {
                    double dy = y - cy - b.Y, ey = ez * Math.Exp(-dy * dy / s2);
                    if (ey < 1e-7) continue;
                    for (int x = 0; x < nx; x++)
                    {
                        double dx = x - cx - b.X;
                        v[((long)z * ny + y) * nx + x] += (float)(b.Amplitude * ey * Math.Exp(-dx * dx / s2));
                    }
                }
            }
        });
        return v;
    }

    /// <summary>
    /// The exact projection (line integral in voxel units) at each tilt: a blob projects to a 2D Gaussian at
    /// (<see cref="TiltGeometry.ProjectedX"/>(X, Z, θ), Y) with peak Amplitude·σ√(2π). Frames are width × height, [y·width + x].
    /// </summary>
    public static float[][] Project(IReadOnlyList<GaussianBlob> blobs, int width, int height, IReadOnlyList<double> tiltDegrees)
    {
        var frames = new float[tiltDegrees.Count][];
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        Parallel.For(0, tiltDegrees.Count, a =>
        {
            var f = new float[width * height];
            foreach (var b in blobs)
            {
                double u0 = TiltGeometry.ProjectedX(b.X, b.Z, tiltDegrees[a]), s2 = 2 * b.SigmaPx * b.SigmaPx;
                double peak = b.Amplitude * b.SigmaPx * Math.Sqrt(2 * Math.PI);
                for (int y = 0; y < height; y++)
                {
                    double dy = y - cy - b.Y, ey = peak * Math.Exp(-dy * dy / s2);
                    if (ey < 1e-7) continue;
                    for (int x = 0; x < width; x++)
                    {
                        double dx = x - cx - u0;
                        f[y * width + x] += (float)(ey * Math.Exp(-dx * dx / s2));
                    }
                }
            }
            frames[a] = f;
        });
        return frames;
    }
}
