namespace TemKit.CtfEstimation.Synthetic;

/// <summary>
/// The known signal and noise of a <see cref="SyntheticMicrograph"/> in a Welch power spectrum, and from them the
/// spatial frequency where its Thon rings sink into the noise: the reference a fit resolution is checked against.
/// Signal power spectral density (flat-σ² convention of <see cref="Spectrum.PowerSpectrumEstimator"/>) of the image
/// in counts: S(g)·sin²χ with S(g) = 4·(dose·p²)²·s²·film(g)²·E(g)² (the generator's phase scale s, film filter and
/// envelope); noise: Poisson, white, dose·p² per pixel.
/// </summary>
public static class ThonRingVisibility
{
    /// <summary>Expected local correlation at which the rings count as lost (CTFFIND4's CC_fit = 0.75,
    /// Rohou &amp; Grigorieff 2015).</summary>
    public const double DefaultThreshold = 0.75;

    /// <summary>
    /// Peak Thon-ring signal power S(g) (counts², per pixel of the spectrum, at sin²χ = 1) of the synthetic micrograph.
    /// </summary>
    /// <param name="options">The generator's settings.</param>
    /// <param name="frequencyInverseAngstrom">Spatial frequency g (1/Å).</param>
    public static double SignalPower(SyntheticMicrographOptions options, double frequencyInverseAngstrom)
    {
        ArgumentNullException.ThrowIfNull(options);
        double mean = MeanCounts(options);
        double g = frequencyInverseAngstrom;
        double film = g == 0 ? 0 : 1 / (1 + g / options.FilmCornerFrequencyInverseAngstrom);
        double lambda = options.Ctf.WavelengthAngstrom;
        double e = Math.Exp(-options.BFactorAngstrom2 * g * g / 4)
                 * Math.Exp(-0.5 * Math.PI * Math.PI * lambda * lambda * options.FocalSpreadAngstrom * options.FocalSpreadAngstrom * g * g * g * g);
        double phasePsd = options.PhaseRmsRadians * options.PhaseRmsRadians * options.WidthPx * options.HeightPx / FilmPower(options);
        return 4 * mean * mean * phasePsd * film * film * e * e;
    }

    /// <summary>Shot-noise power (counts², per spectrum pixel): the mean count dose·p² (Poisson, white).</summary>
    public static double NoisePower(SyntheticMicrographOptions options) => MeanCounts(options);

    /// <summary>
    /// Expected correlation between the data's ring-averaged amplitude profile and the CTF model at frequency g: the
    /// Thon-ring oscillation of the amplitude, ½(sqrt(N + S) − sqrt(N)) per unit of −cos 2χ (RMS 1/√2), against the
    /// noise of a profile bin, sqrt(N + S/2) / (2 sqrt(T_eff·π·r)) (π·r independent pixels in a half ring of radius r
    /// px, each the mean of T_eff independent tile periodograms; relative SD of a periodogram pixel 1).
    /// </summary>
    /// <param name="options">The generator's settings.</param>
    /// <param name="frequencyInverseAngstrom">g (1/Å).</param>
    /// <param name="frequencyStepInverseAngstrom">Spectrum sampling (1/Å per px): 1/(tile · pixel size).</param>
    /// <param name="effectiveTiles">Number of independent periodograms averaged (see <see cref="EffectiveTiles"/>).</param>
    public static double ExpectedCorrelation(SyntheticMicrographOptions options, double frequencyInverseAngstrom, double frequencyStepInverseAngstrom, double effectiveTiles)
    {
        double s = SignalPower(options, frequencyInverseAngstrom), n = NoisePower(options);
        if (n <= 0) return 1;
        double oscillation = 0.5 * (Math.Sqrt(n + s) - Math.Sqrt(n)) / Math.Sqrt(2);
        double radiusPx = frequencyInverseAngstrom / frequencyStepInverseAngstrom;
        double noise = Math.Sqrt(n + 0.5 * s) / (2 * Math.Sqrt(effectiveTiles * Math.PI * Math.Max(radiusPx, 1)));
        return oscillation / Math.Sqrt(oscillation * oscillation + noise * noise);
    }

    /// <summary>
    /// Independent periodograms in a Welch average of <paramref name="tiles"/> tiles with 50 % overlap: neighbouring
    /// tiles share half (edge neighbours) or a quarter (diagonal) of their pixels, whose periodograms correlate by
    /// the square of the shared fraction, so the variance of the mean is (1 + 4·¼ + 4·¹⁄₁₆)/T = 2.25/T.
    /// </summary>
    public static double EffectiveTiles(int tiles) => Math.Max(1, tiles / 2.25);

    /// <summary>
    /// The envelope cut-off (1/Å): the lowest frequency beyond the first CTF zero at which
    /// <see cref="ExpectedCorrelation"/> falls below <paramref name="threshold"/>; the top of the range if it never does.
    /// </summary>
    /// <param name="options">The generator's settings.</param>
    /// <param name="frequencyStepInverseAngstrom">Spectrum sampling (1/Å per px).</param>
    /// <param name="effectiveTiles">Independent periodograms averaged.</param>
    /// <param name="maxFrequencyInverseAngstrom">Top of the scanned range (1/Å), e.g. the fit's high-resolution limit.</param>
    /// <param name="threshold">Correlation threshold (default CTFFIND4's 0.75).</param>
    public static double CutOffFrequency(SyntheticMicrographOptions options, double frequencyStepInverseAngstrom, double effectiveTiles,
        double maxFrequencyInverseAngstrom, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ctf = new Optics.Ctf(options.Ctf with { Defocus2Angstrom = options.Ctf.MeanDefocusAngstrom, Defocus1Angstrom = options.Ctf.MeanDefocusAngstrom });
        double start = ctf.ZeroFrequency(1, 0);
        if (double.IsNaN(start)) start = frequencyStepInverseAngstrom;
        double step = 0.1 * frequencyStepInverseAngstrom;
        for (double g = start; g <= maxFrequencyInverseAngstrom; g += step)
            if (ExpectedCorrelation(options, g, frequencyStepInverseAngstrom, effectiveTiles) < threshold) return g;
        return maxFrequencyInverseAngstrom;
    }

    private static double MeanCounts(SyntheticMicrographOptions o) =>
        o.DoseElectronsPerAngstrom2 > 0 && double.IsFinite(o.DoseElectronsPerAngstrom2) ? o.DoseElectronsPerAngstrom2 * o.PixelSizeAngstrom * o.PixelSizeAngstrom : 0;

    /// <summary>Σ film(k)² over the full FFT grid, as in the generator (sets its phase scale).</summary>
    private static double FilmPower(SyntheticMicrographOptions o)
    {
        int nx = o.WidthPx, ny = o.HeightPx;
        double p = o.PixelSizeAngstrom, corner = o.FilmCornerFrequencyInverseAngstrom, total = 0;
        for (int y = 0; y < ny; y++)
        {
            double ky = Fourier.FftShift.SignedIndex(y, ny) / (ny * p);
            for (int x = 0; x <= nx / 2; x++)
            {
                double kx = x / (nx * p);
                double g = Math.Sqrt(kx * kx + ky * ky);
                double f = g == 0 ? 0 : 1 / (1 + g / corner);
                total += (x == 0 || x == nx / 2 ? 1 : 2) * f * f;
            }
        }
        return total;
    }
}
