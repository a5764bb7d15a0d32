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

    [Fact]
    public void ATruthInOtherUnitsScoresLikeOneInTheReconstructionsUnits()
    {
        // 'tomo report --truth' with a simulated truth volume (0-0.0042) against a reconstruction in projected counts
        // (0-3.8) gave "PSNR vs truth -43.71 dB, SSIM 0.000": the raw values measured the units, not the reconstruction.
        float[] t = [0, 1, 2, 3, 4];
        var (mapped, a, b) = ImageQuality.MapOntoTruth(t.Select(v => 1000 * v + 7).ToArray(), t);
        Assert.Equal(0.001, a, 9);
        Assert.Equal(-0.007, b, 9);
        Assert.All(mapped.Zip(t), p => Assert.Equal(p.Second, p.First, 4));

        const int N = 16;
        var phantom = new TemKit.Imaging.ImageStack(N, N, N, GaussianBlobs.Render(GaussianBlobs.Random(4, 10, 10, 2), N, N, N));
        double[] tilts = Enumerable.Range(0, 31).Select(k => -60 + 4.0 * k).ToArray();
        var series = Reprojection.Project(phantom, tilts);
        var options = new TemKit.Tomography.Reconstruction.ReconstructionOptions();
        var same = QualityRun.Analyse(series, tilts, options, phantom);
        var scaled = new TemKit.Imaging.ImageStack(N, N, N, phantom.Array.Select(v => 0.001f * v).ToArray());
        var other = QualityRun.Analyse(series, tilts, options, scaled);
        Assert.True(same.TruthPsnrDb > 15, $"PSNR {same.TruthPsnrDb:F2} dB");
        Assert.Equal(same.TruthPsnrDb!.Value, other.TruthPsnrDb!.Value, 3);
        Assert.Equal(same.TruthSsim!.Value, other.TruthSsim!.Value, 3);
        Assert.Equal(1000 * other.TruthScale!.Value, same.TruthScale!.Value, 3);
        // The raw comparison is what the report showed before.
        Assert.True(ImageQuality.Psnr(other.Volume.Array, scaled.Array) < 0, "raw PSNR against the scaled truth");
    }
}
