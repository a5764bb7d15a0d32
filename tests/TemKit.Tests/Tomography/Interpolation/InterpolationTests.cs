using TemKit.Imaging;
using TemKit.Neural.Tensors;
using TemKit.Tomography.Interpolation;
using TemKit.Tomography.Phantoms;
using TemKit.Tomography.Reconstruction;
using Xunit;

namespace TemKit.Tests.Tomography.Interpolation;

public class InterpolationTests
{
    [Fact]
    public void MinMaxNormalisationMapsEachFrameToZeroOne()
    {
        float[] frame = [3, 5, 7, 11];
        var n = FrameNormalisation.Normalised(frame);
        Assert.Equal([0f, 0.25f, 0.5f, 1f], n);
        Assert.Equal(new float[4], FrameNormalisation.Normalised([2f, 2f, 2f, 2f]));
        FrameNormalisation.Denormalise(n, 3, 11);
        Assert.Equal(frame, n);
    }

    [Fact]
    public void APairSharesOneRangeAndThePredictionIsNotNegative()
    {
        // Range of [3, 11] and [1, 7]: mean minimum 2, mean maximum 9.
        Assert.Equal((2f, 9f), FrameNormalisation.PairRange([3f, 5f, 11f], [1f, 7f, 4f]));
        var d = new float[3];
        FrameNormalisation.Normalise([2f, 9f, 16f], d, 2, 9);
        Assert.Equal([0f, 1f, 2f], d);
        var p = new float[3];
        LearnedInterpolator.PredictionFromCorrection([0f, 0.5f, 1f], [0.2f, 0.5f, 1f], [-0.3f, 0.1f, 0.5f], p);
        Assert.Equal([0f, 0.6f, 1.5f], p);
    }

    [Fact]
    public void BisectionWithLinearInterpolationIsExactForFramesLinearInTilt()
    {
        // f(θ) = A + θ·B: every midpoint of the recursive bisection is the exact frame.
        const int w = 8, h = 8;
        var rng = new Random(3);
        var a = Enumerable.Range(0, w * h).Select(_ => (float)rng.NextDouble()).ToArray();
        var b = Enumerable.Range(0, w * h).Select(_ => (float)rng.NextDouble()).ToArray();
        float[] At(double t) => [.. a.Select((v, i) => (float)(v + t * b[i]))];
        double[] kept = [-8, 0, 8, 16];
        var stack = new ImageStack(w, h, kept.Length, [.. kept.SelectMany(At)]);
        var dense = new PairwiseFiller(new LinearInterpolator()).Fill(stack, kept, 4);
        var tilts = TiltSeriesFilling.DenseTilts(kept, 4);
        Assert.Equal(Enumerable.Range(0, 13).Select(i => -8.0 + 2 * i), tilts);
        for (int i = 0; i < dense.Nz; i++)
        {
            var expected = At(tilts[i]);
            for (int p = 0; p < expected.Length; p++) Assert.Equal(expected[p], dense.Frame(i)[p], 4);
        }
        Assert.Throws<ArgumentException>(() => new PairwiseFiller(new LinearInterpolator()).Fill(stack, kept, 3));
    }

    [Fact]
    public void ReprojectionOfTheKeptFramesPredictsTheMissingProjections()
    {
        // Sharp blobs projected analytically at 4° steps over ±80°; keep every 2nd (8° apart): SIRT from the kept frames,
        // reprojected, predicts the analytic projections at the missing tilts (the discrete projector and 40 iterations
        // limit it to ~38 dB here; linear interpolation reaches ~42 dB on this smooth phantom, so no order is asserted).
        const int n = 32;
        var rng = new Random(5);
        var blobs = Enumerable.Range(0, 6).Select(_ => new GaussianBlob(rng.Next(-10, 11), rng.Next(-10, 11), rng.Next(-10, 11), 1.2, 1)).ToArray();
        var all = Enumerable.Range(0, 41).Select(i => -80.0 + 4 * i).ToArray();
        var proj = GaussianBlobs.Project(blobs, n, n, all);
        var series = new ImageStack(n, n, all.Length, [.. proj.SelectMany(p => p)]);
        var (kept, keptTilts) = TiltSeriesFilling.EveryNth(series, all, 2);
        var sirt = new ReprojectionFiller(new ReconstructionOptions { Method = ReconstructionMethod.Sirt, Iterations = 40, NonNegative = true }, threads: 1).Fill(kept, keptTilts, 2);
        var linear = new PairwiseFiller(new LinearInterpolator()).Fill(kept, keptTilts, 2);
        double psnrSirt = 0, psnrLinear = 0;
        for (int k = 1; k < all.Length; k += 2)
        {
            psnrSirt += InterpolationEvaluation.Compare(sirt.Frame(k), series.Frame(k), n, n).PsnrDb;
            psnrLinear += InterpolationEvaluation.Compare(linear.Frame(k), series.Frame(k), n, n).PsnrDb;
        }
        psnrSirt /= 20;
        psnrLinear /= 20;
        Assert.True(psnrSirt > 30, $"reprojection PSNR {psnrSirt:F1} dB");
        Assert.True(psnrLinear > 30, $"linear PSNR {psnrLinear:F1} dB");
        for (int k = 0; k < all.Length; k += 2) Assert.Equal(series.Frame(k).ToArray(), sirt.Frame(k).ToArray());
    }

    [Fact]
    public void FrameScoresFollowTheTextbookFormulas()
    {
        // Both frames normalised to [0, 1]: PSNR = 10 log10(1 / MSE) with the MSE of the normalised frames.
        var rng = new Random(9);
        var truth = Enumerable.Range(0, 100).Select(_ => (float)rng.NextDouble() * 40 + 10).ToArray();
        var test = truth.Select(v => v * 2 + 5 + (float)(rng.NextDouble() - 0.5)).ToArray();
        var (psnr, ssim, mse) = InterpolationEvaluation.Compare(test, truth, 10, 10);
        float tMin = truth.Min(), tMax = truth.Max(), sMin = test.Min(), sMax = test.Max();
        double naive = truth.Select((v, i) => Math.Pow((test[i] - sMin) / (sMax - sMin) - (v - tMin) / (tMax - tMin), 2)).Average();
        Assert.Equal(naive, mse, 6);
        Assert.Equal(10 * Math.Log10(1 / naive), psnr, 4);
        Assert.InRange(ssim, 0.5, 1);
    }

    [Fact]
    public void AnUntrainedNetworkIsLinearInterpolation()
    {
        var net = new InterpolationNetwork(new InterpolationNetworkParameters { Width = 4, Dilations = [1, 2] });
        var rng = new Random(2);
        var a = Enumerable.Range(0, 144).Select(_ => (float)rng.NextDouble() * 100).ToArray();
        var b = Enumerable.Range(0, 144).Select(_ => (float)rng.NextDouble() * 100 + 50).ToArray();
        var learned = new float[144];
        var linear = new float[144];
        new LearnedInterpolator(net).Midpoint(a, b, 12, 12, 2, learned);
        new LinearInterpolator().Midpoint(a, b, 12, 12, 2, linear);
        // Both frames share one affine map, so the normalised mean mapped back is the plain mean (to rounding).
        for (int i = 0; i < 144; i++) Assert.Equal(0.5f * (a[i] + b[i]), learned[i], 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NetworkGradientsMatchFiniteDifferences(bool seedModel)
    {
        var settings = seedModel
            ? new InterpolationNetworkParameters { Architecture = InterpolationArchitecture.Seed, Width = 2, Levels = 2, HiddenUnits = 5, FramePx = 8, Seed = 4 }
            : new InterpolationNetworkParameters { Width = 3, Dilations = [1, 2], Seed = 4 };
        var net = new InterpolationNetwork(settings);
        var rng = new Random(5);
        foreach (var p in net.Parameters)
            if (p.Name.StartsWith("output", StringComparison.Ordinal)) p.InitNormal(rng, 0.5);
        int h0 = seedModel ? 8 : 7, w0 = seedModel ? 8 : 6;
        using var x = Tensor.Uninitialised(2, 3, h0, w0);
        using var t = Tensor.Uninitialised(2, 1, h0, w0);
        for (int i = 0; i < x.Length; i++) x.Span[i] = (float)rng.NextDouble();
        for (int i = 0; i < t.Length; i++) t.Span[i] = (float)(rng.NextDouble() - 0.5);
        float[] weights = [0.5f, 3f];
        foreach (var p in net.Parameters) p.ZeroGrad();
        net.AccumulateGradients(x, t, weights);
        foreach (var p in net.Parameters)
        {
            var analytic = p.Grad.ToArray();
            foreach (int i in new[] { 0, p.Value.Length / 2, p.Value.Length - 1 })
            {
                float keep = p.Value[i];
                float h = seedModel ? 1e-3f : 1e-2f; // the seed model: small steps, so that no max-pooling choice flips
                p.Value[i] = keep + h;
                double up = Loss(net, x, t, weights);
                p.Value[i] = keep - h;
                double down = Loss(net, x, t, weights);
                p.Value[i] = keep;
                double numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-3 + 0.03 * Math.Abs(numeric), $"{p.Name}[{i}]: numeric {numeric:G5}, analytic {analytic[i]:G5}");
            }
        }
    }

    [Fact]
    public void TheSeedModelPredictsTheFrameFromItsDenseLayersAtItsOwnSizeOnly()
    {
        var net = new InterpolationNetwork(new InterpolationNetworkParameters { Architecture = InterpolationArchitecture.Seed, Width = 2, Levels = 2, HiddenUnits = 3, FramePx = 8 });
        Assert.True(net.PredictsFrame);
        Assert.Equal(["down0.conv.weight", "down0.conv.bias", "down0.act.slope", "down1.conv.weight", "down1.conv.bias", "down1.act.slope",
            "hidden.weight", "hidden.bias", "hidden.act.slope", "output.weight", "output.bias"], net.Parameters.Select(p => p.Name));
        Assert.Equal([64, 3], net.Parameters.Single(p => p.Name == "output.weight").Shape);
        var rng = new Random(3);
        using var x = Tensor.Uninitialised(1, 3, 8, 8);
        for (int i = 0; i < x.Length; i++) x.Span[i] = (float)rng.NextDouble();
        // Output bias only (every weight of the output layer zero): the frame is the bias reshaped, whatever the inputs.
        var output = net.Parameters.Single(p => p.Name == "output.weight");
        Array.Clear(output.Value);
        var bias = net.Parameters.Single(p => p.Name == "output.bias").Value;
        for (int i = 0; i < bias.Length; i++) bias[i] = i * 0.01f;
        using var c = net.PredictCorrection(x);
        for (int i = 0; i < 64; i++) Assert.Equal(i * 0.01f - 0.5f * (x.Plane(0, 0)[i] + x.Plane(0, 1)[i]), c.Span[i], 5);
        using var other = Tensor.Zeros(1, 3, 16, 16);
        Assert.Contains("takes 8x8 px frames only", Assert.Throws<ArgumentException>(() => net.PredictCorrection(other)).Message);
        Assert.Throws<ArgumentException>(() => new InterpolationNetworkParameters { Architecture = InterpolationArchitecture.Seed, Levels = 3, FramePx = 20 }.Validate());
    }

    /// <summary>The weighted loss written out: (1/N) Σₙ wₙ · mean over pixels of the squared error.</summary>
    private static double Loss(InterpolationNetwork net, Tensor x, Tensor t, float[] weights)
    {
        using var y = net.PredictCorrection(x);
        int plane = y.H * y.W;
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += weights[i / plane] * Math.Pow(y.Span[i] - t.Span[i], 2);
        return s / y.Length;
    }

    [Fact]
    public void GapsMustBePowerOfTwoMultiplesOfTheTargetStep()
    {
        Assert.Equal([2, 2, 4], SeriesInterpolation.Factors([-4, -2, 0, 4], 1, "s"));
        Assert.Equal([1, 1], SeriesInterpolation.Factors([0, 1, 2], 1, "s"));
        var e = Assert.Throws<ArgumentException>(() => SeriesInterpolation.Factors([0, 3, 6], 1, "s.mrc"));
        Assert.Contains("s.mrc: the 3° gap between 0° and 3°", e.Message);
        Assert.Contains("--to-step 1.5", e.Message);
    }
}
