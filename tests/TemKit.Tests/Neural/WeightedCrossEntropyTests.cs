using TemKit.Neural.Losses;

namespace TemKit.Tests.Neural;

public class WeightedCrossEntropyTests
{
    [Fact]
    public void WeightedLossIsTheTargetWeightTimesMinusLogSoftmaxAndItsGradient()
    {
        // 3 classes x 4 pixels; naive reference: −w_t log(e^{z_t} / Σ e^{z_c}), gradient w_t (p_c − [c = t]) · scale.
        float[] logits = [0.3f, -1.2f, 2.0f, 0.0f, 1.5f, 0.2f, -0.4f, 0.7f, -2.0f, 0.9f, 0.1f, 1.1f];
        float[] targets = [0, 1, 2, 1];
        float[] weights = [1f, 4f, 0.5f];
        var grad = new float[12];
        double loss = CategoricalCrossEntropy.FromLogits(logits, targets, 3, grad, 0.25f, weights);
        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            int t = (int)targets[i];
            double sum = 0;
            for (int c = 0; c < 3; c++) sum += Math.Exp(logits[c * 4 + i]);
            expected += weights[t] * -Math.Log(Math.Exp(logits[t * 4 + i]) / sum);
            for (int c = 0; c < 3; c++)
                Assert.Equal(weights[t] * 0.25 * (Math.Exp(logits[c * 4 + i]) / sum - (c == t ? 1 : 0)), grad[c * 4 + i], 1e-6);
        }
        Assert.Equal(expected, loss, 1e-5);
        // All weights 1 is the unweighted loss.
        Assert.Equal(CategoricalCrossEntropy.FromLogits(logits, targets, 3, default, 1f), CategoricalCrossEntropy.FromLogits(logits, targets, 3, default, 1f, [1f, 1f, 1f]), 12);
        Assert.Throws<ArgumentException>(() => CategoricalCrossEntropy.FromLogits(logits, targets, 3, default, 1f, [1f, 1f]));
    }
}
