using System.Numerics.Tensors;
using TemKit.CtfEstimation.Spectrum;

namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// The half-plane of a power spectrum prepared for the 2D fit. Every pixel in the fitted annulus holds
/// x = (sqrt(P) − background(r)) / envelope(r), the ring oscillation with the envelope divided out (background and envelope
/// from a 1D profile: the rotational average first, the equi-phase average once astigmatism is known), and a weight
/// envelope²/variance(r) that favours radii where rings stand above the noise. Per-pixel g², Cs term and cos 2α, sin 2α
/// make the score a few vector operations per candidate.
/// </summary>
internal sealed class SpectrumFitData
{
    private readonly float[] _weightedData, _weight, _g2, _cs4, _cos2, _sin2, _work, _weightedWork;
    private readonly double _sumW, _sumWx, _sumWxx;
    private readonly PhaseModel _model;

    /// <param name="spectrum">Centred power spectrum.</param>
    /// <param name="scorer">1D scorer over the profile that supplies background and envelope.</param>
    /// <param name="defocus">Defocus (Å) whose ring period sets the smoothing windows.</param>
    /// <param name="last">Outermost radius (px) used.</param>
    /// <param name="model">CTF phase model.</param>
    /// <param name="uniformWeights">Weight every pixel alike (the plain normalised cross-correlation CTFFIND reports)
    /// instead of envelope²/variance.</param>
    public SpectrumFitData(PowerSpectrum spectrum, ProfileScorer scorer, double defocus, int last, PhaseModel model, bool uniformWeights = false)
    {
        _model = model;
        int n = spectrum.Size, c = spectrum.Centre, first = scorer.First;
        last = Math.Min(last, n / 2 - 1);
        double step = spectrum.FrequencyStepInverseAngstrom;
        var background = scorer.BackgroundProfile(defocus);
        var envelope = scorer.OscillationRms(defocus, background);
        var pixels = spectrum.Image.Pixels;

        var squareSum = new double[n / 2 + 1];
        var squareWeight = new double[n / 2 + 1];
        int count = 0;
        for (int y = c; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                if (!InHalfPlane(x, y, c)) continue;
                double r = Math.Sqrt((double)(x - c) * (x - c) + (double)(y - c) * (y - c));
                if (r < first || r > last) continue;
                double v = Value(pixels[y * n + x]) - Interpolate(background, r);
                int i = (int)r;
                double f = r - i;
                squareSum[i] += (1 - f) * v * v; squareWeight[i] += 1 - f;
                squareSum[i + 1] += f * v * v; squareWeight[i + 1] += f;
                count++;
            }
        for (int i = 0; i < squareSum.Length; i++) squareSum[i] = squareWeight[i] > 0 ? squareSum[i] / squareWeight[i] : 0;
        var variance = scorer.SmoothTwice(new RingWindow(squareSum, first), squareSum.Length, defocus);

        _weightedData = new float[count]; _weight = new float[count]; _g2 = new float[count]; _cs4 = new float[count];
        _cos2 = new float[count]; _sin2 = new float[count]; _work = new float[count]; _weightedWork = new float[count];
        int k = 0;
        double sw = 0, swx = 0, swxx = 0;
        for (int y = c; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                if (!InHalfPlane(x, y, c)) continue;
                double dx = x - c, dy = y - c;
                double r2 = dx * dx + dy * dy, r = Math.Sqrt(r2);
                if (r < first || r > last) continue;
                double env = Interpolate(envelope, r), vr = Interpolate(variance, r);
                double value = env > 0 ? (Value(pixels[y * n + x]) - Interpolate(background, r)) / env : 0;
                double w = uniformWeights ? 1 : vr > 0 ? env * env / vr : 0;
                _weight[k] = (float)w;
                _weightedData[k] = (float)(w * value);
                sw += w; swx += w * value; swxx += w * value * value;
                double g2 = r2 * step * step;
                _g2[k] = (float)g2;
                _cs4[k] = (float)(-2 * model.HalfPiCsLambda3 * g2 * g2);
                _cos2[k] = (float)((dx * dx - dy * dy) / r2);
                _sin2[k] = (float)(2 * dx * dy / r2);
                k++;
            }
        _sumW = sw; _sumWx = swx; _sumWxx = swxx;
        double sww = TensorPrimitives.SumOfSquares<float>(_weight);
        EffectiveCount = sww > 0 ? sw * sw / sww : 0;
    }

    /// <summary>Kish's effective number of pixels (Σw)²/Σw², the count of equally weighted pixels with the same
    /// statistical weight as the fit data.</summary>
    public double EffectiveCount { get; }

    /// <summary>Number of pixels in the fit.</summary>
    public int Count => _weight.Length;

    /// <summary>
    /// Weighted normalised cross-correlation of the prepared spectrum with 2·CTF² − 1 = −cos 2χ_total for
    /// Δf(α) = mean + ax·cos 2α + ay·sin 2α (Å) and an extra phase shift (radians).
    /// </summary>
    public double Score(double mean, double ax, double ay, double phaseShift)
    {
        var t = _work.AsSpan();
        TensorPrimitives.Multiply(_cos2, (float)ax, t);
        TensorPrimitives.MultiplyAdd(_sin2, (float)ay, t, t);
        TensorPrimitives.Add(t, (float)mean, t);
        TensorPrimitives.Multiply(t, _g2, t);
        // 2χ_total = 2πλ g² Δf(α) − Cs π λ³ g⁴ + 2(phase shift + amplitude phase)
        TensorPrimitives.MultiplyAdd(t, (float)(2 * _model.PiLambda), _cs4, t);
        TensorPrimitives.Add(t, (float)(2 * (phaseShift + _model.AmplitudePhase)), t);
        TensorPrimitives.Cos(t, t);
        TensorPrimitives.Multiply(t, _weight, _weightedWork);
        // The model is y = −cos 2χ; the signs cancel in the correlation's numerator and vanish in the squares.
        double sy = -(double)TensorPrimitives.Sum<float>(_weightedWork);
        double syy = TensorPrimitives.Dot<float>(_weightedWork, t);
        double sxy = -(double)TensorPrimitives.Dot<float>(_weightedData, t);
        double vx = _sumW * _sumWxx - _sumWx * _sumWx, vy = _sumW * syy - sy * sy;
        return vx > 0 && vy > 0 ? (_sumW * sxy - _sumWx * sy) / Math.Sqrt(vx * vy) : 0;
    }

    /// <summary>One of each ±k pair: the upper half-plane and the positive kx axis.</summary>
    private static bool InHalfPlane(int x, int y, int c) => y > c || (y == c && x > c);

    /// <summary>The fit works on amplitudes sqrt(power), like the 1D profiles.</summary>
    private static double Value(float p) => Math.Sqrt(p);

    private static double Interpolate(double[] values, double r)
    {
        int i = (int)r;
        if (i + 1 >= values.Length) return values[^1];
        double f = r - i;
        return (1 - f) * values[i] + f * values[i + 1];
    }
}
