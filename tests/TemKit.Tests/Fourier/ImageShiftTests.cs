using TemKit.Fourier.Registration;
using TemKit.Pipelines.Species;

namespace TemKit.Tests.Fourier;

/// <summary>The one shift estimator recovers known sub-pixel displacements of a smooth random image (made by a Fourier
/// phase ramp, exact for band-limited images) with each of the settings TemKit uses.</summary>
public class ImageShiftTests
{
    private const int N = 96;

    public static TheoryData<string> Presets() => ["cross-correlation", "band-pass", "phase correlation", "absolute peak"];

    private static ShiftOptions Options(string preset) => preset switch
    {
        "cross-correlation" => new ShiftOptions { MaxShiftPx = 10 },
        "band-pass" => new ShiftOptions { MaxShiftPx = 10, LowPassCyclesPerPixel = 0.2, HighPassCyclesPerPixel = 0.01, ClampSubPixel = false },
        "phase correlation" => new ShiftOptions { MaxShiftPx = 10, LowPassCyclesPerPixel = 0.15, HannWindow = true, PhaseOnly = true, SubPixel = SubPixelPeak.LogParabola },
        _ => new ShiftOptions { MaxShiftPx = 10, IgnoreMean = true, AbsolutePeak = true },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void RecoversAKnownDisplacement(string preset)
    {
        var reference = SmoothRandom(7);
        foreach (var (dx, dy) in new[] { (3.0, -2.0), (-4.3, 1.6), (0.25, 5.5) })
        {
            var moving = (float[])reference.Clone();
            // Undo(−d) moves the content by +d.
            TripletRegistration.Undo(moving, N, N, -dx, -dy);
            if (preset == "absolute peak")
                for (int i = 0; i < moving.Length; i++) moving[i] = -moving[i];
            var s = ImageShift.Estimate(reference, moving, N, N, Options(preset));
            Assert.InRange(s.X - dx, -0.2, 0.2);
            Assert.InRange(s.Y - dy, -0.2, 0.2);
        }
    }

    [Fact]
    public void TheSearchWindowLimitsTheDisplacement()
    {
        var reference = SmoothRandom(3);
        var moving = (float[])reference.Clone();
        TripletRegistration.Undo(moving, N, N, -12, 0);
        Assert.InRange(ImageShift.Estimate(reference, moving, N, N, new ShiftOptions { MaxShiftPx = 20 }).X, 11.8, 12.2);
        Assert.InRange(Math.Abs(ImageShift.Estimate(reference, moving, N, N, new ShiftOptions { MaxShiftPx = 6 }).X), 0, 6.5);
    }

    /// <summary>White noise smoothed by a 3-pass box blur (correlation length a few px).</summary>
    private static float[] SmoothRandom(int seed)
    {
        var rng = new Random(seed);
        var a = new float[N * N];
        for (int i = 0; i < a.Length; i++) a[i] = (float)rng.NextDouble();
        var b = new float[N * N];
        for (int pass = 0; pass < 3; pass++)
        {
            for (int y = 0; y < N; y++)
                for (int x = 0; x < N; x++)
                {
                    float sum = 0;
                    for (int dy = -2; dy <= 2; dy++)
                        for (int dx = -2; dx <= 2; dx++)
                            sum += a[((y + dy + N) % N) * N + (x + dx + N) % N];
                    b[y * N + x] = sum / 25;
                }
            (a, b) = (b, a);
        }
        return a;
    }
}
