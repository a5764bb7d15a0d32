using TemKit.Neural.Optimisers;
using TemKit.Neural.Tensors;

namespace TemKit.Tests.Neural;

public class AdamTests
{
    /// <summary>Plain double-precision AMSGrad (PyTorch formulation) for one scalar.</summary>
    private static double[] Reference(double[] grads, double lr, double beta2, bool ams)
    {
        double p = 1, m = 0, v = 0, vmax = 0;
        var values = new double[grads.Length];
        for (int t = 1; t <= grads.Length; t++)
        {
            double g = grads[t - 1];
            m = 0.9 * m + 0.1 * g;
            v = beta2 * v + (1 - beta2) * g * g;
            vmax = Math.Max(vmax, v);
            double denom = Math.Sqrt(ams ? vmax : v) / Math.Sqrt(1 - Math.Pow(beta2, t)) + 1e-8;
            p -= lr / (1 - Math.Pow(0.9, t)) * m / denom;
            values[t - 1] = p;
        }
        return values;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StepsMatchTheReference(bool ams)
    {
        // A large gradient followed by small ones: AMSGrad keeps the large second moment, plain Adam forgets it
        // (fast, with β2 = 0.5, so the two variants end far apart).
        double[] grads = [5, 0.1, -0.2, 0.05, 0.3, -0.1];
        var p = new Parameter("x", 1);
        p.Value[0] = 1;
        var adam = new Adam([p], new AdamParameters(LearningRate: 1e-3, Beta2: 0.5, AmsGrad: ams));
        var expected = Reference(grads, 1e-3, 0.5, ams);
        for (int t = 0; t < grads.Length; t++)
        {
            p.Grad[0] = (float)grads[t];
            adam.StepAndZeroGrad();
            Assert.True(Math.Abs(expected[t] - p.Value[0]) < 3e-7, $"step {t + 1}: {p.Value[0]} vs {expected[t]}");
            Assert.Equal(0f, p.Grad[0]);
        }
        Assert.True(Math.Abs(Reference(grads, 1e-3, 0.5, !ams)[^1] - p.Value[0]) > 1e-4);
    }

    [Fact]
    public void TheLearningRateFactorScalesEveryStep()
    {
        // The bias-corrected first step is lr·sign(g); with the factor 0.25 it is a quarter of that, and the factor
        // applies to later steps too (two runs with the same gradients: the scaled one moves a quarter as far each step).
        var p = new Parameter("w", 1);
        var q = new Parameter("w", 1);
        var full = new Adam([p], new AdamParameters());
        var scaled = new Adam([q], new AdamParameters()) { LearningRateFactor = 0.25 };
        foreach (double g in new[] { 3, -2, 1 })
        {
            p.Grad[0] = q.Grad[0] = (float)g;
            double pBefore = p.Value[0], qBefore = q.Value[0];
            full.StepAndZeroGrad();
            scaled.StepAndZeroGrad();
            if (scaled.Step == 1) Assert.Equal(-0.25e-3, q.Value[0], 8);
            Assert.Equal(0.25 * (p.Value[0] - pBefore), q.Value[0] - qBefore, 8);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => full.LearningRateFactor = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => full.LearningRateFactor = double.NaN);
    }

    [Fact]
    public void CosineDecayFollowsTheClosedForm()
    {
        // f + (1 − f)(1 + cos πt)/2 with f = 0.1 from epoch 10 to 30: 1 up to 10, (1 + f)/2 = 0.55 at the midpoint 20,
        // f + (1 − f)(1 + cos(π/4))/2 at 15, f from 30 on.
        var decay = new LearningRateDecay(10, 30, 0.1);
        Assert.Equal(1, decay.Factor(1));
        Assert.Equal(1, decay.Factor(10));
        Assert.Equal(0.55, decay.Factor(20), 12);
        Assert.Equal(0.1 + 0.9 * (1 + Math.Sqrt(0.5)) / 2, decay.Factor(15), 12);
        Assert.Equal(0.1, decay.Factor(30));
        Assert.Equal(0.1, decay.Factor(500));
        Assert.True(decay.Factor(11) < 1 && decay.Factor(29) > 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateDecay(-1, 3).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateDecay(5, 5).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateDecay(0, 5, 0).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateDecay(0, 5, 1.5).Validate());
    }

    [Fact]
    public void FirstStepMovesEveryWeightByTheLearningRate()
    {
        // With bias correction the first Adam step is lr·sign(g) whatever the gradient's size.
        var p = new Parameter("w", 3);
        p.Grad[0] = 100f;
        p.Grad[1] = -1e-3f;
        p.Grad[2] = 0.5f;
        new Adam([p], new AdamParameters()).StepAndZeroGrad();
        Assert.Equal(-1e-3, p.Value[0], 6);
        Assert.Equal(1e-3, p.Value[1], 5);
        Assert.Equal(-1e-3, p.Value[2], 6);
    }
}
