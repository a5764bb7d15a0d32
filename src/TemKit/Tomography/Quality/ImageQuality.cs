namespace TemKit.Tomography.Quality;

/// <summary>Full-reference quality figures of a reconstruction (or reprojection) against the truth.</summary>
public static class ImageQuality
{
    /// <summary>
    /// <paramref name="test"/> mapped onto <paramref name="truth"/>'s grey levels by the least-squares a·v + b, with a
    /// and b: a reconstruction and its ground truth rarely share units (a simulated truth volume in potential units, a
    /// reconstruction in projected counts), and PSNR, RMSE and SSIM of the raw values then measure the units, not the
    /// reconstruction. a = 0 when <paramref name="test"/> is constant.
    /// </summary>
    public static (float[] Mapped, double Scale, double Offset) MapOntoTruth(ReadOnlySpan<float> test, ReadOnlySpan<float> truth)
    {
        SameLength(test, truth);
        double sv = 0, st = 0;
        for (int i = 0; i < test.Length; i++) { sv += test[i]; st += truth[i]; }
        double mv = sv / test.Length, mt = st / test.Length, cvv = 0, cvt = 0;
        for (int i = 0; i < test.Length; i++) { double dv = test[i] - mv; cvv += dv * dv; cvt += dv * (truth[i] - mt); }
        double a = cvv > 0 ? cvt / cvv : 0, b = mt - a * mv;
        var mapped = new float[test.Length];
        for (int i = 0; i < test.Length; i++) mapped[i] = (float)(a * test[i] + b);
        return (mapped, a, b);
    }

    /// <summary>Root-mean-square error √(mean (a − b)²).</summary>
    public static double Rmse(ReadOnlySpan<float> test, ReadOnlySpan<float> truth)
    {
        SameLength(test, truth);
        double s = 0;
        for (int i = 0; i < test.Length; i++) { double d = test[i] - truth[i]; s += d * d; }
        return Math.Sqrt(s / test.Length);
    }

    /// <summary>
    /// Peak signal-to-noise ratio 20 log10(range / RMSE) in dB, range = max − min of the truth (scikit-image's
    /// peak_signal_noise_ratio with data_range = truth range).
    /// </summary>
    public static double Psnr(ReadOnlySpan<float> test, ReadOnlySpan<float> truth)
    {
        double rmse = Rmse(test, truth);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in truth) { min = Math.Min(min, v); max = Math.Max(max, v); }
        return 20 * Math.Log10((max - min) / rmse);
    }

    /// <summary>
    /// Structural similarity (Wang et al. 2004, Eq. 13) averaged over all pixels of a 2D image or a 3D volume
    /// (<paramref name="depth"/> = 1 for 2D), with a uniform 7-wide window (7×7 or 7×7×7, scikit-image's default),
    /// K1 = 0.01, K2 = 0.03, L = truth range, sample covariances (N/(N − 1)); windows that leave the data are skipped.
    /// </summary>
    public static double Ssim(ReadOnlySpan<float> test, ReadOnlySpan<float> truth, int width, int height, int depth = 1)
    {
        SameLength(test, truth);
        if ((long)width * height * depth != test.Length) throw new ArgumentException($"{test.Length} values are not {width}x{height}x{depth}");
        const int W = 7, R = W / 2;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in truth) { min = Math.Min(min, v); max = Math.Max(max, v); }
        double range = max - min, c1 = Math.Pow(0.01 * range, 2), c2 = Math.Pow(0.03 * range, 2);
        int rz = depth == 1 ? 0 : R;
        if (width < W || height < W || (depth > 1 && depth < W)) throw new ArgumentException($"SSIM needs at least {W} pixels along each axis");
        int n = (2 * R + 1) * (2 * R + 1) * (2 * rz + 1);
        double cov = n / (n - 1.0);
        var a = test.ToArray();
        var b = truth.ToArray();
        double total = 0;
        long windows = 0;
        object gate = new();
        Parallel.For(rz, depth - rz, z =>
        {
            double local = 0;
            long count = 0;
            for (int y = R; y < height - R; y++)
                for (int x = R; x < width - R; x++)
                {
                    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                    for (int dz = -rz; dz <= rz; dz++)
                        for (int dy = -R; dy <= R; dy++)
                        {
                            long row = ((long)(z + dz) * height + y + dy) * width + x;
                            for (int dx = -R; dx <= R; dx++)
                            {
                                double p = a[row + dx], q = b[row + dx];
                                sa += p; sb += q; saa += p * p; sbb += q * q; sab += p * q;
                            }
                        }
                    double ma = sa / n, mb = sb / n;
                    double va = (saa / n - ma * ma) * cov, vb = (sbb / n - mb * mb) * cov, vab = (sab / n - ma * mb) * cov;
                    local += (2 * ma * mb + c1) * (2 * vab + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                    count++;
                }
            lock (gate) { total += local; windows += count; }
        });
        return total / windows;
    }

    private static void SameLength(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"the images hold {a.Length} and {b.Length} values");
        if (a.Length == 0) throw new ArgumentException("the images are empty");
    }
}
