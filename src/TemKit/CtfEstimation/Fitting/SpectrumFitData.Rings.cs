namespace TemKit.CtfEstimation.Fitting;

internal sealed partial class SpectrumFitData
{
    /// <summary>
    /// The fit score with the tile window's attenuation of fine rings taken out, ring by ring. A Welch spectrum is the
    /// true one convolved with the window's power spectrum, so rings of period p spectrum px lose contrast by the
    /// window's autocorrelation at lag N/p, (1 − |cos θ|/p)(1 − |sin θ|/p) for a (nearly) box window in direction θ, while
    /// the noise per pixel stays. For each ring (pixels between two zeros of the model) this takes the correlation ρ of
    /// the data with the model, the visible signal fraction ρ|ρ| and per-pixel SNR q = ρ|ρ|/(1 − ρ²), divides q by the
    /// ring's mean squared attenuation, and averages the signal fraction q/(1 + |q|) over the pixels of the band;
    /// the score is the signed square root. Without attenuation it is the plain score's value (score² ≈ mean signal
    /// fraction per pixel), so the two agree where rings are wide.
    /// </summary>
    /// <param name="mean">Mean defocus (Å).</param>
    /// <param name="ax">Astigmatism cos 2α term (Å).</param>
    /// <param name="ay">Astigmatism sin 2α term (Å).</param>
    /// <param name="phaseShift">Extra phase shift (radians).</param>
    /// <param name="frequencyStep">Spectrum sampling (1/Å per px).</param>
    public double WindowCorrectedScore(double mean, double ax, double ay, double phaseShift, double frequencyStep)
    {
        var rings = new Dictionary<int, RingSums>();
        for (int i = 0; i < _weight.Length; i++)
        {
            double w = _weight[i];
            if (!(w > 0)) continue;
            double g = Math.Sqrt(_g2[i]);
            double defocus = mean + ax * _cos2[i] + ay * _sin2[i];
            double chi = _model.Chi(g, defocus, phaseShift);
            double y = -Math.Cos(2 * chi);
            double period = _model.RingPeriod(g, defocus) / frequencyStep;
            double c = Math.Sqrt(0.5 * (1 + _cos2[i])), s = Math.Sqrt(Math.Max(0, 0.5 * (1 - _cos2[i])));
            double attenuation = Math.Max(0, 1 - c / period) * Math.Max(0, 1 - s / period);
            double wx = _weightedData[i];
            int k = (int)Math.Floor(chi / Math.PI);
            var sums = rings.TryGetValue(k, out var r) ? r : new RingSums();
            sums.W += w; sums.Wx += wx; sums.Wxx += wx * wx / w; sums.Wy += w * y; sums.Wyy += w * y * y; sums.Wxy += wx * y;
            sums.A2 += attenuation * attenuation; sums.Count++;
            rings[k] = sums;
        }
        double total = 0, count = 0;
        foreach (var r in rings.Values)
        {
            if (r.Count < MinRingPixels) continue;
            double rho = ProfileScorer.Pearson(r.W, r.Wx, r.Wy, r.Wxx, r.Wyy, r.Wxy);
            double visible = Math.Clamp(rho * Math.Abs(rho), -0.999, 0.999);
            double a2 = Math.Max(r.A2 / r.Count, MinMeanAttenuation2);
            double q = visible / (1 - Math.Abs(visible)) / a2;
            total += r.Count * q / (1 + Math.Abs(q));
            count += r.Count;
        }
        if (count == 0) return 0;
        double meanFraction = total / count;
        return Math.Sign(meanFraction) * Math.Sqrt(Math.Abs(meanFraction));
    }

    /// <summary>Rings with fewer pixels are left out (their correlation is mostly noise).</summary>
    private const int MinRingPixels = 16;

    /// <summary>Floor of a ring's mean squared attenuation (rings near a period of 1 px hold almost no contrast).</summary>
    private const double MinMeanAttenuation2 = 0.1;

    private struct RingSums
    {
        public double W, Wx, Wxx, Wy, Wyy, Wxy, A2;
        public int Count;
    }
}
