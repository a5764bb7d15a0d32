using System.Numerics.Tensors;

namespace TemKit.Tomography.Interpolation;

/// <summary>Settings of <see cref="FlowInterpolator"/>.</summary>
public sealed record FlowInterpolationOptions
{
    /// <summary>Spacing of the candidate half-way shifts (px).</summary>
    public double ShiftStepPx { get; init; } = 0.25;

    /// <summary>Gaussian smoothing (standard deviation, px) of the frames the matching cost is computed on (the warped
    /// frames themselves are not smoothed).</summary>
    public double CostSmoothingSigmaPx { get; init; } = 2;

    /// <summary>Edge of the square window the squared differences are summed over (px, odd).</summary>
    public int WindowPx { get; init; } = 9;

    /// <summary>Soft-min temperature as a fraction of the mean cost at zero shift (0 = hard minimum).</summary>
    public double Temperature { get; init; } = 0.05;

    /// <summary>Added to the largest shift the geometry allows, (width/2)·half-gap (px).</summary>
    public double ShiftMarginPx { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (!(ShiftStepPx is >= 0.01 and <= 4)) throw new ArgumentException($"shift step must be 0.01..4 px, got {ShiftStepPx}");
        if (!(CostSmoothingSigmaPx is >= 0 and <= 16)) throw new ArgumentException($"cost smoothing must be 0..16 px, got {CostSmoothingSigmaPx}");
        if (WindowPx is < 1 or > 63 || WindowPx % 2 == 0) throw new ArgumentException($"window must be an odd 1..63 px, got {WindowPx}");
        if (!(Temperature is >= 0 and <= 100)) throw new ArgumentException($"temperature must be 0..100, got {Temperature}");
        if (!(ShiftMarginPx is >= 0 and <= 64)) throw new ArgumentException($"shift margin must be 0..64 px, got {ShiftMarginPx}");
    }
}

/// <summary>
/// Motion-compensated interpolation without learning (symmetric "bilateral" block matching, as in frame-rate
/// up-conversion). Rotating about the image y axis by ±δ moves a point at (x, z) by ∓(−x sin θ + z cos θ)·δ along x, so
/// the frame half-way is sought as M(x) = A(x − u) = B(x + u) with a shift u per pixel: for each candidate u in
/// [−U, U] (U = width/2 · δ + margin, the largest shift the geometry allows), the squared difference of the smoothed,
/// shifted frames is summed over a window, and the candidates (A(x − u) + B(x + u))/2 (Keys cubic resampling along x)
/// are blended with soft-min weights exp(−(cost − min cost)/τ). Every pixel of a projection sums atoms at many depths,
/// which move by different amounts, so one shift per pixel is only an approximation (docs/tomography.md gives the
/// measured result). Thread-safe.
/// </summary>
public sealed partial class FlowInterpolator(FlowInterpolationOptions? options = null) : IFrameInterpolator
{
    private readonly FlowInterpolationOptions _options = Validated(options ?? new());

    /// <inheritdoc />
    public string Name => "flow";

    /// <inheritdoc />
    public void Midpoint(ReadOnlySpan<float> before, ReadOnlySpan<float> after, int width, int height, double halfGapDegrees, Span<float> destination)
    {
        int plane = width * height;
        if (width < 1 || height < 1 || before.Length != plane || after.Length != plane || destination.Length != plane) throw new ArgumentException($"frames must hold {width}x{height} values");
        var o = _options;
        double maxShift = width / 2.0 * Math.Abs(halfGapDegrees) * Math.PI / 180 + o.ShiftMarginPx;
        int steps = (int)Math.Floor(maxShift / o.ShiftStepPx);
        var smoothA = before.ToArray();
        var smoothB = after.ToArray();
        GaussianSmooth(smoothA, width, height, o.CostSmoothingSigmaPx);
        GaussianSmooth(smoothB, width, height, o.CostSmoothingSigmaPx);
        var sa = new float[plane];
        var sb = new float[plane];
        var cost = new float[plane];
        var scratch = new float[plane];
        var wa = new float[plane];
        var wb = new float[plane];
        var best = new float[plane];
        var weightSum = new double[plane];
        var valueSum = new double[plane];
        double tau = 0;
        foreach (int k in CandidateOrder(steps))
        {
            double u = k * o.ShiftStepPx;
            ShiftX(smoothA, sa, width, height, -u);
            ShiftX(smoothB, sb, width, height, u);
            TensorPrimitives.Subtract(sa, sb, cost);
            TensorPrimitives.Multiply(cost, cost, cost);
            BoxSum(cost, scratch, width, height, o.WindowPx / 2);
            ShiftX(before, wa, width, height, -u);
            ShiftX(after, wb, width, height, u);
            if (k == 0)
            {
                tau = o.Temperature * TensorPrimitives.Average<float>(cost);
                if (!(tau > 0)) tau = 0;
                cost.CopyTo(best);
                for (int i = 0; i < plane; i++)
                {
                    weightSum[i] = 1;
                    valueSum[i] = 0.5 * (wa[i] + wb[i]);
                }
                continue;
            }
            for (int i = 0; i < plane; i++)
            {
                double value = 0.5 * (wa[i] + wb[i]);
                if (tau == 0)
                {
                    if (cost[i] < best[i]) (best[i], valueSum[i]) = (cost[i], value);
                    continue;
                }
                if (cost[i] < best[i])
                {
                    double rescale = Math.Exp((cost[i] - best[i]) / tau);
                    weightSum[i] = weightSum[i] * rescale + 1;
                    valueSum[i] = valueSum[i] * rescale + value;
                    best[i] = cost[i];
                }
                else
                {
                    double w = Math.Exp((best[i] - cost[i]) / tau);
                    weightSum[i] += w;
                    valueSum[i] += w * value;
                }
            }
        }
        for (int i = 0; i < plane; i++) destination[i] = (float)(valueSum[i] / weightSum[i]);
    }

    /// <summary>0 first (it sets the temperature and the starting minimum), then ±1, ±2, ... ±steps.</summary>
    private static IEnumerable<int> CandidateOrder(int steps)
    {
        yield return 0;
        for (int k = 1; k <= steps; k++)
        {
            yield return k;
            yield return -k;
        }
    }

    private static FlowInterpolationOptions Validated(FlowInterpolationOptions o)
    {
        o.Validate();
        return o;
    }
}
