namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>Which brightness of a peak pair the brightest/dimmest ratio compares (<see cref="RegionalFourierResult.Ratio"/>).</summary>
public enum RatioBrightness
{
    /// <summary>Peak height over the local background: the pair's <see cref="LatticePeakPair.Significance"/> − 1, i.e.
    /// (maximum power − background) / background at that |g|. The transfer envelope and detector MTF scale a peak and
    /// its ring's noise alike, so they cancel between pairs at different spacings. Missing pairs count at the
    /// detection threshold (<see cref="RegionalFourierOptions.PeakSignificance"/> − 1).</summary>
    PeakHeight,

    /// <summary>The pair's integrated, background-subtracted power <see cref="LatticePeakPair.Brightness"/> (session 4's
    /// definition). Missing pairs count at the detection floor <see cref="RegionalFourierResult.DetectionFloor"/>.</summary>
    Integrated,

    /// <summary>The pair's <see cref="LatticePeakPair.DiscContrast"/>: background-subtracted power summed over the peak
    /// discs around g and −g over the background power summed there (envelope and MTF cancel as for
    /// <see cref="PeakHeight"/>, with the lobe's pixels averaged instead of one maximum). Missing pairs count at the
    /// brightest pair's disc contrast scaled to a peak at the detection threshold.</summary>
    DiscContrast,
}

/// <summary>Settings of <see cref="RegionalFourier"/>: the window, the FFT size, the peak search and the ratio.</summary>
public sealed record RegionalFourierOptions
{
    /// <summary>Mask pixels at or above this value (probability or 0/1) belong to the region.</summary>
    public double MaskThreshold { get; init; } = 0.5;

    /// <summary>Standard deviation (Å) of the Gaussian that softens the mask's edge into the window, so the border of
    /// the region adds no streaks to the spectrum.</summary>
    public double EdgeSoftnessAngstrom { get; init; } = 2.0;

    /// <summary>FFT side (px); 0 = automatic: the smallest power of two ≥ <see cref="PaddingFactor"/> × the windowed
    /// crop's larger side and ≥ <see cref="MinFftSizePx"/>.</summary>
    public int FftSizePx { get; init; }

    /// <summary>Zero padding of the automatic FFT size (FFT side / crop side, ≥ 1).</summary>
    public double PaddingFactor { get; init; } = 2;

    /// <summary>Smallest automatic FFT side (px).</summary>
    public int MinFftSizePx { get; init; } = 128;

    /// <summary>Smallest lattice spacing searched (Å).</summary>
    public double MinSpacingAngstrom { get; init; } = 1.2;

    /// <summary>Largest lattice spacing searched (Å).</summary>
    public double MaxSpacingAngstrom { get; init; } = 5.0;

    /// <summary>A peak's maximum must reach this multiple of the local background power (the mean power of its ring,
    /// estimated robustly); for pure noise the power is exponential, so a noise pixel passes with probability
    /// e^(−value).</summary>
    public double PeakSignificance { get; init; } = 12;

    /// <summary>At most this many pairs are kept, brightest first.</summary>
    public int MaxPairs { get; init; } = 12;

    /// <summary>Pairs with a spacing at or above this (Å) take part in the ratio ("first-order" reflections: Au {111}
    /// 2.35 Å and {200} 2.04 Å, not {220} 1.44 Å).</summary>
    public double RatioMinSpacingAngstrom { get; init; } = 1.8;

    /// <summary>The ratio compares the brightest with the dimmest of this many brightest ratio pairs (3: the two
    /// {111} and the one {200} pair of an FCC [110] zone). Missing pairs count at the detection floor
    /// (<see cref="RegionalFourierResult.Ratio"/>).</summary>
    public int RatioPairCount { get; init; } = 3;

    /// <summary>The brightness the ratio compares: peak height over background (default, ROC AUC 0.956 / 0.989 / 0.999 at
    /// 200 / 1000 / 5000 e/Å² against 0.931 / 0.949 / 0.947 for the integrated power; docs/particle-analysis.md).</summary>
    public RatioBrightness RatioBrightness { get; init; } = RatioBrightness.PeakHeight;

    /// <summary>The lattice the pairs are indexed against; null = no indexing.</summary>
    public FccLattice? Lattice { get; init; } = new();

    /// <summary>Keep the centred power spectrum in the result (for figures).</summary>
    public bool KeepSpectrum { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (!(MaskThreshold > 0 && MaskThreshold <= 1)) throw new ArgumentOutOfRangeException(nameof(MaskThreshold), MaskThreshold, "must be in (0, 1]");
        if (!(EdgeSoftnessAngstrom >= 0) || !double.IsFinite(EdgeSoftnessAngstrom)) throw new ArgumentOutOfRangeException(nameof(EdgeSoftnessAngstrom), EdgeSoftnessAngstrom, "must be ≥ 0 Å");
        if (FftSizePx is < 0 or > 8192 || (FftSizePx > 0 && FftSizePx % 2 != 0)) throw new ArgumentOutOfRangeException(nameof(FftSizePx), FftSizePx, "must be 0 (automatic) or an even size up to 8192 px");
        if (!(PaddingFactor is >= 1 and <= 8)) throw new ArgumentOutOfRangeException(nameof(PaddingFactor), PaddingFactor, "must be 1..8");
        if (MinFftSizePx is < 16 or > 8192) throw new ArgumentOutOfRangeException(nameof(MinFftSizePx), MinFftSizePx, "must be 16..8192 px");
        if (!(MinSpacingAngstrom > 0 && MaxSpacingAngstrom > MinSpacingAngstrom) || !double.IsFinite(MaxSpacingAngstrom))
            throw new ArgumentOutOfRangeException(nameof(MinSpacingAngstrom), MinSpacingAngstrom, $"spacing range must satisfy 0 < min < max, got {MinSpacingAngstrom}..{MaxSpacingAngstrom} Å");
        if (!(PeakSignificance > 1) || !double.IsFinite(PeakSignificance)) throw new ArgumentOutOfRangeException(nameof(PeakSignificance), PeakSignificance, "must be > 1");
        if (MaxPairs < 1) throw new ArgumentOutOfRangeException(nameof(MaxPairs), MaxPairs, "must be ≥ 1");
        if (!(RatioMinSpacingAngstrom > 0)) throw new ArgumentOutOfRangeException(nameof(RatioMinSpacingAngstrom), RatioMinSpacingAngstrom, "must be > 0 Å");
        if (RatioPairCount < 2) throw new ArgumentOutOfRangeException(nameof(RatioPairCount), RatioPairCount, "must be ≥ 2");
        if (!Enum.IsDefined(RatioBrightness)) throw new ArgumentOutOfRangeException(nameof(RatioBrightness), RatioBrightness, "peak height, integrated or disc contrast");
        Lattice?.Validate();
    }
}
