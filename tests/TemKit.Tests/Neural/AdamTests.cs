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
