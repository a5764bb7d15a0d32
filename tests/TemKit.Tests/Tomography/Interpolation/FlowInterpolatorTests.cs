using TemKit.Tomography.Interpolation;
using Xunit;

namespace TemKit.Tests.Tomography.Interpolation;

public class FlowInterpolatorTests
{
    /// <summary>A smooth Gaussian blob (σ = 2.5 px) centred at (cx, cy) on a width × height frame.</summary>
    private static float[] Blob(int width, int height, double cx, double cy)
    {
        var f = new float[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                f[y * width + x] = (float)(100 * Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * 2.5 * 2.5)));
        return f;
    }

    private static double Rms(float[] a, float[] b) => Math.Sqrt(a.Select((v, i) => (double)(v - b[i]) * (v - b[i])).Average());

    [Fact]
    public void TwoBlobsMovingApartAlongXAreFoundHalfWay()
    {
        // Two blobs moving in opposite directions by 2 px (±1 px from the middle), as two points at opposite depths do
        // under a tilt about y: linear interpolation doubles each blob, the flow method moves it.
        const int w = 48, h = 32;
        float[] Frame(double shift)
        {
            var a = Blob(w, h, 14 + shift, 16);
            var b = Blob(w, h, 34 - shift, 16);
            return a.Select((v, i) => v + b[i]).ToArray();
        }
        var before = Frame(-1);
        var after = Frame(1);
        var truth = Frame(0);
        var flow = new float[w * h];
        var linear = new float[w * h];
        // Half-gap 4°: the geometry allows (48/2)·0.07 + 0.5 ≈ 2.2 px, so ±1 px is among the candidates.
        new FlowInterpolator().Midpoint(before, after, w, h, 4, flow);
        new LinearInterpolator().Midpoint(before, after, w, h, 4, linear);
        double flowError = Rms(flow, truth), linearError = Rms(linear, truth);
        Assert.True(flowError < 0.25 * linearError, $"flow RMS {flowError:G3} vs linear {linearError:G3}");
    }

    [Fact]
    public void IdenticalFramesComeBackUnchanged()
    {
        var f = Blob(20, 12, 9.3, 5.5);
        var mid = new float[f.Length];
        new FlowInterpolator().Midpoint(f, f, 20, 12, 1, mid);
        for (int i = 0; i < f.Length; i++) Assert.Equal(f[i], mid[i], 3);
    }

    [Fact]
    public void KeysShiftOfALinearRampIsExact()
    {
        // Keys' cubic convolution reproduces polynomials up to degree 2, so a ramp shifted by 0.3 px is ramp(x + 0.3) away from the edges.
        const int w = 16;
        var ramp = Enumerable.Range(0, 2 * w).Select(i => (float)(3 + 0.5 * (i % w))).ToArray();
        var shifted = new float[ramp.Length];
        FlowInterpolator.ShiftX(ramp, shifted, w, 2, 0.3);
        for (int x = 2; x < w - 3; x++) Assert.Equal(3 + 0.5 * (x + 0.3), shifted[w + x], 4);
    }
}
