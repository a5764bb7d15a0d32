namespace TemKit.Tomography.Phantoms;

public static partial class SheppLogan
{
    /// <summary>
    /// The exact projections (line integrals in pixel units) of the <paramref name="size"/>² phantom, slice seen as the
    /// x–z plane with image row = z: detector bin u (centre at (size − 1)/2 + <paramref name="centreOffsetPx"/>) holds the
    /// integral along the ray x cos θ + z sin θ = u (<see cref="TiltGeometry"/>), averaged over
    /// <paramref name="subSamples"/> points across the bin. An ellipse of density ρ, semi-axes A, B projects to
    /// 2ρAB √(a² − s²)/a² with a² = A² cos²(α − φ) + B² sin²(α − φ) (Kak and Slaney 1988, Eq. 3.49). Rows [a·size + u].
    /// </summary>
    public static float[] Sinogram(int size, IReadOnlyList<double> tiltDegrees, double scale = 1, double centreOffsetPx = 0, int subSamples = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentNullException.ThrowIfNull(tiltDegrees);
        var sino = new float[tiltDegrees.Count * size];
        double c0 = (size - 1) / 2.0 + centreOffsetPx, half = size / 2.0;
        Parallel.For(0, tiltDegrees.Count, a =>
        {
            // Image z runs down the rows while phantom y runs up, so the ray direction in phantom coordinates is α = −θ.
            double alpha = -tiltDegrees[a] * Math.PI / 180, ca = Math.Cos(alpha), sa = Math.Sin(alpha);
            for (int u = 0; u < size; u++)
            {
                double sum = 0;
                for (int k = 0; k < subSamples; k++)
                {
                    double t = (u - c0 - 0.5 + (k + 0.5) / subSamples) / half;
                    for (int e = 0; e < Ellipses.GetLength(0); e++)
                    {
                        double A = Ellipses[e, 1] * scale, B = Ellipses[e, 2] * scale, phi = Ellipses[e, 5] * Math.PI / 180;
                        double s0 = Ellipses[e, 3] * scale * ca + Ellipses[e, 4] * scale * sa, ds = t - s0;
                        double a2 = A * A * Math.Pow(Math.Cos(alpha - phi), 2) + B * B * Math.Pow(Math.Sin(alpha - phi), 2);
                        if (ds * ds < a2) sum += Ellipses[e, 0] * 2 * A * B * Math.Sqrt(a2 - ds * ds) / a2;
                    }
                }
                sino[a * size + u] = (float)(sum / subSamples * half);
            }
        });
        return sino;
    }
}
