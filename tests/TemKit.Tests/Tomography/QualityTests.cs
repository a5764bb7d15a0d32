using TemKit.Tomography.Phantoms;
using TemKit.Tomography.Projection;
using TemKit.Tomography.Quality;
using Xunit;

namespace TemKit.Tests.Tomography;

public class QualityTests
{
    [Fact]
    public void PsnrFollowsItsDefinition()
    {
        float[] truth = [0, 1, 2, 3];
        float[] test = [0.1f, 1, 2, 3];
        // RMSE = 0.05, range 3: 20 log10(3 / 0.05).
        Assert.Equal(20 * Math.Log10(3 / 0.05), ImageQuality.Psnr(test, truth), 4);
    }

    [Fact]
    public void SsimIsOneForIdenticalImagesAndLowerForNoise()
    {
        var a = GaussianBlobs.Render(GaussianBlobs.Random(5, 12, 12, 2), 16, 16, 16);
        Assert.Equal(1, ImageQuality.Ssim(a, a, 16, 16, 16), 6);
        var rng = new Random(1);
        var b = a.Select(v => v + (float)(1.0 * (rng.NextDouble() - 0.5))).ToArray();
        Assert.InRange(ImageQuality.Ssim(b, a, 16, 16, 16), 0, 0.95);
        Assert.InRange(ImageQuality.Ssim(b.AsSpan(0, 256), a.AsSpan(0, 256), 16, 16), 0, 0.99);
    }

    [Fact]
    public void FscIsOneForEqualMapsAndNearZeroForIndependentNoise()
    {
        const int N = 24;
        var a = GaussianBlobs.Render(GaussianBlobs.Random(6, 14, 14, 3), N, N, N);
        var same = FourierShellCorrelation.Shell(a, a, N, N, N);
        Assert.All(same.Skip(1), s => Assert.Equal(1, s.Correlation, 6));
        var rng = new Random(4);
        var x = Enumerable.Range(0, N * N * N).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = Enumerable.Range(0, N * N * N).Select(_ => (float)rng.NextDouble()).ToArray();
        var noise = FourierShellCorrelation.Shell(x, y, N, N, N);
        Assert.True(noise.Skip(3).All(s => Math.Abs(s.Correlation) < 0.3), string.Join(", ", noise.Select(s => s.Correlation.ToString("F2"))));
    }

    [Fact]
    public void ProjectorAgreesWithTheExactSheppLoganSinogram()
    {
        const int N = 64;
        double[] tilts = [-70, -33, 0, 20, 55, 90];
        var image = SheppLogan.Create(N);
        var g = new SliceGeometry(N, N, N, tilts);
        int L = SlabProjector.Lanes;
        var v = new float[SlabProjector.VolumeLength(g)];
        for (int i = 0; i < image.Length; i++) v[i * L] = image[i];
        var p = new float[SlabProjector.SinogramLength(g)];
        SlabProjector.Forward(g, v, p);
        double Error(float[] exact)
        {
            double err = 0, norm = 0;
            for (int a = 0; a < tilts.Length; a++)
                for (int u = 0; u < N; u++)
                {
                    double d = p[(a * g.PaddedRow + 1 + u) * L] - exact[a * N + u];
                    err += d * d;
                    norm += exact[a * N + u] * exact[a * N + u];
                }
            return Math.Sqrt(err / norm);
        }
        // The discrete projector of the pixelated phantom vs the exact line integrals: a few % (pixelated edges); with the
        // tilt sign flipped (a mirrored geometry) the error is many times larger.
        double right = Error(SheppLogan.Sinogram(N, tilts)), mirrored = Error(SheppLogan.Sinogram(N, tilts.Select(t => -t).ToArray()));
        Assert.True(right < 0.08 && mirrored > 3 * right, $"relative error {right:F3}, with the tilt sign flipped {mirrored:F3}");
    }
}
