using TemKit.Fourier;
using TemKit.Fourier.Registration;

namespace TemKit.Pipelines.Species;

/// <summary>
/// Registers the frames of a focal series to its middle frame. Images at defoci either side of focus have reversed
/// phase contrast, so the shift is the peak of |cross-correlation| (band-passed), searched within a small window: a
/// crystal lattice correlates at every lattice translation, and only drift smaller than half a column spacing is
/// recoverable without ambiguity.
/// </summary>
public static class TripletRegistration
{
    /// <summary>The (x, y) displacement in px of <paramref name="moving"/>'s content relative to <paramref name="reference"/>,
    /// within ±<paramref name="maxShiftPixels"/>, with parabolic sub-pixel refinement.</summary>
    public static (double X, double Y) Shift(ReadOnlySpan<float> reference, ReadOnlySpan<float> moving, int width, int height, int maxShiftPixels)
    {
        if (reference.Length != width * height || moving.Length != width * height) throw new ArgumentException("frames differ in size");
        // No mean; shot noise damped by a Gaussian of σ = 0.25 cycles/px (half of Nyquist); |peak| for reversed contrast.
        var s = ImageShift.Estimate(reference, moving, width, height, new ShiftOptions
        {
            MaxShiftPx = maxShiftPixels, LowPassCyclesPerPixel = 0.25, IgnoreMean = true, AbsolutePeak = true,
        });
        return (s.X, s.Y);
    }

    /// <summary>Shifts <paramref name="pixels"/> (periodically) by (−dx, −dy) px in place, undoing a displacement of (dx, dy),
    /// with a Fourier phase ramp (exact for sub-pixel shifts of band-limited images).</summary>
    public static void Undo(Span<float> pixels, int width, int height, double dx, double dy)
    {
        if (dx == 0 && dy == 0) return;
        int half = width / 2 + 1;
        var f = new ComplexF[half * height];
        Fft.Default.ForwardReal(pixels, f, width, height);
        for (int y = 0; y < height; y++)
        {
            double ky = (y <= height / 2 ? y : y - height) / (double)height;
            for (int x = 0; x < half; x++)
            {
                double kx = x / (double)width;
                double phase = 2 * Math.PI * (kx * dx + ky * dy);
                float c = (float)Math.Cos(phase), s = (float)Math.Sin(phase);
                var v = f[y * half + x];
                f[y * half + x] = new ComplexF(v.Re * c - v.Im * s, v.Re * s + v.Im * c);
            }
        }
        Fft.Default.InverseReal(f, pixels, width, height);
    }
}
