using TemKit.Fourier.Registration;

namespace TemKit.Pipelines.Columns;

/// <summary>
/// Translation between two frames by phase correlation (Kuglin &amp; Hines 1975): the inverse transform of the normalised
/// cross-power spectrum F_m·conj(F_r)/|F_m·F_r| peaks at the displacement of the moving frame's content. The frames are
/// mean-removed and Hann-windowed first; a Gaussian low-pass weight damps the noise-dominated high frequencies; the peak is
/// refined by a parabola through the logarithms of its neighbours (sub-pixel).
/// </summary>
public static class PhaseCorrelation
{
    /// <summary>Displacement (x, y) in px of <paramref name="moving"/>'s content relative to <paramref name="reference"/>,
    /// searched within ±<paramref name="maxShiftPx"/> px; <paramref name="lowPassCyclesPerPixel"/> is the standard deviation
    /// of the Gaussian weight on the spatial frequency (cycles/px; 0.5 = Nyquist).</summary>
    public static (double X, double Y) Shift(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, int w, int h, int maxShiftPx, double lowPassCyclesPerPixel = 0.15)
    {
        var s = ImageShift.Estimate(reference, moving, w, h, new ShiftOptions
        {
            MaxShiftPx = maxShiftPx, LowPassCyclesPerPixel = lowPassCyclesPerPixel,
            HannWindow = true, PhaseOnly = true, SubPixel = SubPixelPeak.LogParabola,
        });
        return (s.X, s.Y);
    }
}
