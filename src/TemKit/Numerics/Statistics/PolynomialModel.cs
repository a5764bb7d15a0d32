using MathNet.Numerics;
using MathNet.Numerics.LinearRegression;

namespace TemKit.Numerics.Statistics;

/// <summary>
/// A least-squares polynomial y = Σ c_k x^k (the seed's "one-to-one formula"), fitted on standardised
/// u = (x − mean)/scale for conditioning; <see cref="Coefficients"/> are expanded back to powers of x.
/// </summary>
/// <param name="Degree">Polynomial degree (1 = linear).</param>
/// <param name="XMean">Mean of x used to standardise.</param>
/// <param name="XScale">Standard deviation of x used to standardise.</param>
/// <param name="StandardisedCoefficients">Coefficients of powers of u, constant first.</param>
public sealed record PolynomialModel(int Degree, double XMean, double XScale, double[] StandardisedCoefficients)
{
    /// <summary>Coefficients of powers of x, constant first (y = c0 + c1 x + c2 x² ...).</summary>
    public double[] Coefficients
    {
        get
        {
            // y = Σ a_k ((x − m)/s)^k, expanded with the binomial theorem.
            var c = new double[Degree + 1];
            for (int k = 0; k <= Degree; k++)
            {
                double ak = StandardisedCoefficients[k] / Math.Pow(XScale, k);
                for (int j = 0; j <= k; j++)
                    c[j] += ak * SpecialFunctions.Binomial(k, j) * Math.Pow(-XMean, k - j);
            }
            return c;
        }
    }

    /// <summary>The model's prediction at <paramref name="x"/>.</summary>
    public double Evaluate(double x)
    {
        double u = (x - XMean) / XScale, y = 0;
        for (int k = Degree; k >= 0; k--) y = y * u + StandardisedCoefficients[k];
        return y;
    }

    /// <summary>Least-squares fit of degree <paramref name="degree"/> (QR decomposition of the Vandermonde matrix in u).</summary>
    public static PolynomialModel Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, int degree)
    {
        if (degree < 1) throw new ArgumentOutOfRangeException(nameof(degree), degree, "degree must be ≥ 1");
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values, y {y.Count}");
        if (x.Count <= degree) throw new ArgumentException($"a degree-{degree} polynomial needs more than {degree} points, got {x.Count}");
        double mean = x.Average();
        double scale = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Count);
        if (!(scale > 0)) scale = 1;
        var u = x.Select(v => (v - mean) / scale).ToArray();
        var a = Fit_(u, y.ToArray(), degree);
        return new PolynomialModel(degree, mean, scale, a);
    }

    private static double[] Fit_(double[] u, double[] y, int degree) =>
        MultipleRegression.QR(u.Select(v => Enumerable.Range(0, degree + 1).Select(k => Math.Pow(v, k)).ToArray()).ToArray(), y);

    /// <summary>Coefficient of determination R² = 1 − SS_res/SS_tot of the model on (x, y).</summary>
    public double RSquared(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mean = y.Average(), res = 0, tot = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double e = y[i] - Evaluate(x[i]);
            res += e * e;
            tot += (y[i] - mean) * (y[i] - mean);
        }
        return tot > 0 ? 1 - res / tot : double.NaN;
    }
}
