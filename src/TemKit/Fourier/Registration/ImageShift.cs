namespace TemKit.Fourier.Registration;

/// <summary>The displacement of one frame's content relative to another and the height of the correlation peak.</summary>
/// <param name="X">Displacement along x (px).</param>
/// <param name="Y">Displacement along y (px).</param>
/// <param name="Peak">Height of the (weighted) correlation at the integer peak.</param>
public readonly record struct ShiftEstimate(double X, double Y, double Peak);

/// <summary>
/// TemKit's one translation estimator: the peak of the weighted cross-correlation of two frames (inverse transform of
/// F_moving·conj(F_reference)·weight(k)), searched within ±<see cref="ShiftOptions.MaxShiftPx"/> and refined to sub-pixel
/// precision. Tilt-series alignment, column tracking and focal-series registration use it with their own options.
/// </summary>
public static class ImageShift
{
    /// <summary>Displacement of <paramref name="moving"/>'s content relative to <paramref name="reference"/> (both
    /// <paramref name="width"/> × <paramref name="height"/>, x fastest).</summary>
    public static ShiftEstimate Estimate(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, int width, int height, ShiftOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (reference.Length != width * height || moving.Length != width * height)
            throw new ArgumentException($"frames must both hold {width}x{height} values");
        int half = width / 2 + 1;
        var fr = new ComplexF[half * height];
        var fm = new ComplexF[half * height];
        if (options.HannWindow)
        {
            Fft.Default.ForwardReal(Windowed(reference, width, height), fr, width, height);
            Fft.Default.ForwardReal(Windowed(moving, width, height), fm, width, height);
        }
        else
        {
            Fft.Default.ForwardReal(reference, fr, width, height);
            Fft.Default.ForwardReal(moving, fm, width, height);
        }
        double low = 1 / (2 * options.LowPassCyclesPerPixel * options.LowPassCyclesPerPixel);
        double high = options.HighPassCyclesPerPixel > 0 ? 1 / (2 * options.HighPassCyclesPerPixel * options.HighPassCyclesPerPixel) : 0;
        for (int y = 0; y < height; y++)
        {
            double ky = (y <= height / 2 ? y : y - height) / (double)height;
            for (int x = 0; x < half; x++)
            {
                double kx = x / (double)width, k2 = kx * kx + ky * ky;
                double weight = Math.Exp(-k2 * low) * (high > 0 ? 1 - Math.Exp(-k2 * high) : 1);
                if (options.IgnoreMean && k2 == 0) weight = 0;
                var p = fm[y * half + x];
                var q = fr[y * half + x];
                // moving × conj(reference): the peak sits at the moving frame's displacement.
                double re = p.Re * q.Re + p.Im * q.Im, im = p.Im * q.Re - p.Re * q.Im;
                if (options.PhaseOnly)
                {
                    double magnitude = Math.Sqrt(re * re + im * im);
                    weight = magnitude > 0 ? weight / magnitude : 0;
                }
                fr[y * half + x] = new ComplexF((float)(re * weight), (float)(im * weight));
            }
        }
        var surface = new float[width * height];
        Fft.Default.InverseReal(fr, surface, width, height);
        if (options.AbsolutePeak)
            for (int i = 0; i < surface.Length; i++) surface[i] = Math.Abs(surface[i]);

        int reach = Math.Clamp(options.MaxShiftPx, 0, Math.Min(width, height) / 2 - 1);
        int bx = 0, by = 0;
        float best = float.NegativeInfinity;
        for (int dy = -reach; dy <= reach; dy++)
            for (int dx = -reach; dx <= reach; dx++)
            {
                float v = surface[Wrap(dy, height) * width + Wrap(dx, width)];
                if (v > best) { best = v; bx = dx; by = dy; }
            }
        float At(int dx, int dy) => surface[Wrap(dy, height) * width + Wrap(dx, width)];
        double sx = bx + Vertex(At(bx - 1, by), best, At(bx + 1, by), options);
        double sy = by + Vertex(At(bx, by - 1), best, At(bx, by + 1), options);
        return new ShiftEstimate(sx, sy, best);
    }

    /// <summary>Mean removed, then a separable Hann window.</summary>
    private static float[] Windowed(ReadOnlySpan<float> source, int width, int height)
    {
        double mean = 0;
        foreach (float v in source) mean += v;
        mean /= source.Length;
        var result = new float[width * height];
        var wx = new double[width];
        for (int x = 0; x < width; x++) wx[x] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * (x + 0.5) / width);
        for (int y = 0; y < height; y++)
        {
            double wy = 0.5 - 0.5 * Math.Cos(2 * Math.PI * (y + 0.5) / height);
            for (int x = 0; x < width; x++) result[y * width + x] = (float)((source[y * width + x] - mean) * wy * wx[x]);
        }
        return result;
    }

    /// <summary>Offset of the vertex of the parabola through (−1, m), (0, c), (1, p) from 0.</summary>
    private static double Vertex(float m, float c, float p, ShiftOptions options)
    {
        double a = m, b = c, d = p;
        if (options.SubPixel == SubPixelPeak.LogParabola && m > 0 && c > 0 && p > 0) { a = Math.Log(m); b = Math.Log(c); d = Math.Log(p); }
        double den = a - 2 * b + d;
        if (!(den < 0)) return 0;
        double offset = 0.5 * (a - d) / den;
        return options.ClampSubPixel ? Math.Clamp(offset, -0.5, 0.5) : offset;
    }

    private static int Wrap(int i, int n) => ((i % n) + n) % n;
}
