using TemKit.Neural.Tensors;

namespace TemKit.Neural.Optimisers;

/// <summary>
/// Adam with optional AMSGrad, the PyTorch formulation: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², v̂ ← max(v̂, v),
/// θ ← θ − lr/(1−β1^t) · m / (√v̂/√(1−β2^t) + ε). State is kept per parameter for checkpoints.
/// </summary>
public sealed class Adam
{
    private readonly IReadOnlyList<Parameter> _parameters;

    /// <summary>Creates the optimiser with zero moments for <paramref name="parameters"/>.</summary>
    public Adam(IReadOnlyList<Parameter> parameters, AdamParameters settings)
    {
        _parameters = parameters;
        Settings = settings;
        First = parameters.Select(p => new float[p.Value.Length]).ToArray();
        Second = parameters.Select(p => new float[p.Value.Length]).ToArray();
        SecondMax = parameters.Select(p => new float[p.Value.Length]).ToArray();
    }

    /// <summary>Learning rate, decays, epsilon and AMSGrad switch.</summary>
    public AdamParameters Settings { get; }

    /// <summary>
    /// Multiplies <see cref="AdamParameters.LearningRate"/> in every step (1 = the set rate): what a learning-rate schedule
    /// such as <see cref="LearningRateDecay"/> changes between epochs. Not stored in checkpoints; a schedule sets it from
    /// the epoch number, so a resumed run steps exactly as an uninterrupted one.
    /// </summary>
    public double LearningRateFactor
    {
        get => _factor;
        set => _factor = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the learning-rate factor must be positive and finite");
    }

    private double _factor = 1;

    /// <summary>Number of steps taken so far.</summary>
    public long Step { get; set; }

    /// <summary>First-moment averages, one array per parameter.</summary>
    public float[][] First { get; }

    /// <summary>Second-moment averages, one array per parameter.</summary>
    public float[][] Second { get; }

    /// <summary>Running maxima of the second moment (AMSGrad), one array per parameter.</summary>
    public float[][] SecondMax { get; }

    /// <summary>Applies one update from the accumulated gradients, then zeroes them.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void StepAndZeroGrad()
    {
        Step++;
        double b1 = Settings.Beta1, b2 = Settings.Beta2;
        double bc1 = 1 - Math.Pow(b1, Step), bc2 = Math.Sqrt(1 - Math.Pow(b2, Step));
        float stepSize = (float)(Settings.LearningRate * _factor / bc1);
        float fb1 = (float)b1, fb2 = (float)b2, eps = (float)Settings.Epsilon, inv2 = (float)(1 / bc2);
        for (int p = 0; p < _parameters.Count; p++)
        {
            var value = _parameters[p].Value;
            var grad = _parameters[p].Grad;
            var m = First[p];
            var v = Second[p];
            var vmax = SecondMax[p];
            for (int i = 0; i < value.Length; i++)
            {
                float g = grad[i];
                m[i] = fb1 * m[i] + (1 - fb1) * g;
                v[i] = fb2 * v[i] + (1 - fb2) * g * g;
                float vv = v[i];
                if (Settings.AmsGrad)
                {
                    vmax[i] = Math.Max(vmax[i], v[i]);
                    vv = vmax[i];
                }
                value[i] -= stepSize * m[i] / (MathF.Sqrt(vv) * inv2 + eps);
            }
            Array.Clear(grad);
        }
    }
}
