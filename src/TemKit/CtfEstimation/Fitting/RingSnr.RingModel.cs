using MathNet.Numerics.LinearAlgebra;

namespace TemKit.CtfEstimation.Fitting;

internal static partial class RingSnr
{
    /// <summary>
    /// Least-squares model of one two-period window (see the class summary); null when ring k has fewer than
    /// <see cref="MinRingPixels"/> pixels or the fit is singular. The model is that of the power itself,
    /// P = L(g)·(1 − A·c(g)·cos 2χ) (a background plus a ring term ∝ sin²χ, with the window attenuating only the
    /// oscillation), taken to log amplitude: ½·ln P = β(g) + ½·ln(1 − A·c(g)·cos 2χ) with β and c quadratic in
    /// t = (g − mean)/SD, solved by Gauss–Newton from the linearised model (½·ln(1 − x cos 2χ) ≈ −x/2·cos 2χ).
    /// </summary>
    private static RingSnrMeasurement? FitRing(ReadOnlySpan<RingPixel> window, int k)
    {
        int count = 0, inBand = 0;
        double sumG = 0, sumGg = 0, sumRingG = 0, sumA2 = 0;
        foreach (var px in window)
        {
            sumG += px.G; sumGg += px.G * px.G;
            if ((int)Math.Floor(px.U) != k) continue;
            count++; sumRingG += px.G; sumA2 += px.Attenuation * px.Attenuation;
            if (px.InBand) inBand++;
        }
        if (count < MinRingPixels || window.Length < 2 * Parameters + MinRingPixels) return null;
        double meanG = sumG / window.Length, sdG = Math.Sqrt(Math.Max(0, sumGg / window.Length - meanG * meanG));
        if (!(sdG > 0)) return null;
        var fit = Solve(window, meanG, sdG);
        if (fit is null) return null;
        var (beta, inverse, noise) = fit.Value;
        double signal = 0, bandSignal = 0;
        foreach (var px in window)
        {
            if ((int)Math.Floor(px.U) != k) continue;
            double t = (px.G - meanG) / sdG;
            double c = Contrast(beta, t);
            double varC = noise * (inverse[3, 3] + t * t * inverse[4, 4] + t * t * t * t * inverse[5, 5] + 2 * t * inverse[3, 4] + 2 * t * t * inverse[3, 5] + 2 * t * t * t * inverse[4, 5]);
            double v = c * Math.Abs(c) - Math.Sign(c) * varC;
            signal += v;
            if (px.InBand) bandSignal += v;
        }
        double q = signal / count * OscillationVariance / noise;
        // The band's share of the ring: the same model evaluated on the ring's pixels inside the band only, so a wide ring
        // that straddles the band's edge brings the SNR of its in-band part, not of the whole ring.
        double bandQ = inBand > 0 ? bandSignal / inBand * OscillationVariance / noise : 0;
        return new RingSnrMeasurement(k, sumRingG / count, count, inBand, q, bandQ, sumA2 / count);
    }

    /// <summary>Gauss–Newton steps at most; the loop stops earlier once the residual no longer falls.</summary>
    private const int MaxIterations = 30;

    /// <summary>Largest attenuated contrast |A·c| the model allows (the power stays positive).</summary>
    private const double MaxContrast = 0.999;

    /// <summary>
    /// Fits the window model of <see cref="FitRing"/>: parameters (β0, β1, β2, c0, c1, c2), the inverse of JᵀJ at the solution
    /// and the residual variance; null when singular.
    /// </summary>
    private static (double[] Beta, Matrix<double> Inverse, double Noise)? Solve(ReadOnlySpan<RingPixel> window, double meanG, double sdG)
    {
        Span<double> row = stackalloc double[Parameters];
        // Linearised start: ½·ln P ≈ β0 + β1 t + β2 t² − ½·A·(c0 + c1 t + c2 t²)·cos 2χ.
        var xtx = new double[Parameters * Parameters];
        var xty = new double[Parameters];
        foreach (var px in window)
        {
            JacobianRow(px, null, (px.G - meanG) / sdG, row);
            Accumulate(xtx, xty, row, px.LogAmplitude);
        }
        var beta = SolveNormal(xtx, xty);
        if (beta is null) return null;
        // A strong ring's linearised contrast can leave the model's range at the window's edge: start inside it.
        double largest = 0;
        foreach (var px in window) largest = Math.Max(largest, Math.Abs(px.Attenuation * Contrast(beta, (px.G - meanG) / sdG)));
        if (largest > 0.9 * MaxContrast) { for (int i = 3; i < Parameters; i++) beta[i] *= 0.9 * MaxContrast / largest; }
        double previous = Residual(window, beta, meanG, sdG);
        var trial = new double[Parameters];
        for (int iteration = 0; iteration < MaxIterations && double.IsFinite(previous); iteration++)
        {
            Array.Clear(xtx);
            Array.Clear(xty);
            foreach (var px in window)
            {
                double t = (px.G - meanG) / sdG;
                JacobianRow(px, beta, t, row);
                Accumulate(xtx, xty, row, px.LogAmplitude - Model(px, beta, t));
            }
            var step = SolveNormal(xtx, xty);
            if (step is null) return null;
            // Halve the step until the model stays valid and the residual does not grow.
            double scale = 1, residual = double.NaN;
            for (int halving = 0; halving < 20; halving++, scale *= 0.5)
            {
                for (int i = 0; i < Parameters; i++) trial[i] = beta[i] + scale * step[i];
                residual = Residual(window, trial, meanG, sdG);
                if (residual <= previous) break;
            }
            if (!(residual <= previous)) break;
            Array.Copy(trial, beta, Parameters);
            bool converged = previous - residual <= 1e-10 * previous;
            previous = residual;
            if (converged) break;
        }
        // Jacobian at the solution: the covariance of the parameters is noise·(JᵀJ)⁻¹.
        Array.Clear(xtx);
        foreach (var px in window)
        {
            JacobianRow(px, beta, (px.G - meanG) / sdG, row);
            Accumulate(xtx, xty, row, 0);
        }
        var inverse = Matrix<double>.Build.Dense(Parameters, Parameters, xtx).Inverse();
        double noise = previous / (window.Length - Parameters);
        if (!(noise > 0) || inverse.Enumerate().Any(v => !double.IsFinite(v))) return null;
        return (beta, inverse, noise);
    }

    /// <summary>The model's derivatives by (β0, β1, β2, c0, c1, c2) at one pixel; with <paramref name="beta"/> null, those
    /// of the linearised model (the contrast terms −½·A·cos 2χ·tⁱ).</summary>
    private static void JacobianRow(in RingPixel px, double[]? beta, double t, Span<double> row)
    {
        double d = -0.5 * px.Attenuation * px.Cos2Chi;
        if (beta != null) d /= 1 - px.Attenuation * Contrast(beta, t) * px.Cos2Chi;
        row[0] = 1; row[1] = t; row[2] = t * t; row[3] = d; row[4] = d * t; row[5] = d * t * t;
    }

    /// <summary>Adds one row to the normal equations (xtx: Parameters² values, symmetric).</summary>
    private static void Accumulate(double[] xtx, double[] xty, ReadOnlySpan<double> row, double y)
    {
        for (int i = 0; i < Parameters; i++)
        {
            double ri = row[i];
            xty[i] += ri * y;
            for (int j = 0; j < Parameters; j++) xtx[i * Parameters + j] += ri * row[j];
        }
    }

    private static double[]? SolveNormal(double[] xtx, double[] xty)
    {
        var solution = Matrix<double>.Build.Dense(Parameters, Parameters, xtx).Solve(Vector<double>.Build.Dense(xty));
        return solution.All(double.IsFinite) ? solution.ToArray() : null;
    }

    /// <summary>The ring's contrast c(t) before the window's attenuation.</summary>
    private static double Contrast(double[] beta, double t) => beta[3] + t * (beta[4] + t * beta[5]);

    /// <summary>The window model at one pixel; NaN where the attenuated contrast leaves the allowed range.</summary>
    private static double Model(in RingPixel px, double[] beta, double t)
    {
        double x = px.Attenuation * Contrast(beta, t);
        if (Math.Abs(x) > MaxContrast) return double.NaN;
        return beta[0] + beta[1] * t + beta[2] * t * t + 0.5 * Math.Log(1 - x * px.Cos2Chi);
    }

    /// <summary>Sum of squared residuals of the window model; NaN when the model is invalid somewhere.</summary>
    private static double Residual(ReadOnlySpan<RingPixel> window, double[] beta, double meanG, double sdG)
    {
        double sum = 0;
        foreach (var px in window)
        {
            double e = px.LogAmplitude - Model(px, beta, (px.G - meanG) / sdG);
            sum += e * e;
        }
        return sum;
    }

    /// <summary>Parameters of the window model: quadratic background, quadratic ring contrast.</summary>
    private const int Parameters = 6;

    /// <summary>Variance of the log-amplitude oscillation −½·c·cos 2χ of a ring of small contrast c over a whole period,
    /// over c²: 1/8 (as sin²χ, whose variance over a period is 1/8).</summary>
    private const double OscillationVariance = 0.125;
}
