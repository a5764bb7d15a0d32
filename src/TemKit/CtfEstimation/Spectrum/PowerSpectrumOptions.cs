using TemKit.Numerics;

namespace TemKit.CtfEstimation.Spectrum;

/// <summary>
/// Settings for <see cref="PowerSpectrumEstimator"/>: Welch-style averaging of tapered, overlapping tile periodograms.
/// </summary>
public sealed record PowerSpectrumOptions
{
    /// <summary>Tile (and spectrum) edge length in pixels of the (binned) image; even. Images smaller than a tile use
    /// one tile of the largest even size that fits.</summary>
    public int TileSizePx { get; init; } = 512;

    /// <summary>Fraction of a tile shared with its neighbour (0 = abutting tiles, 0.5 = 50 % overlap).</summary>
    public double OverlapFraction { get; init; } = 0.5;

    /// <summary>Integer block-averaging factor applied to the image before tiling; 1 = none,
    /// 0 = automatic (the largest factor keeping <see cref="AutoBinFinestResolutionAngstrom"/> at ≤ 0.8 of Nyquist
    /// and at least one full tile in the binned image).</summary>
    public int BinFactor { get; init; }

    /// <summary>Finest spacing (Å) that automatic binning keeps well inside Nyquist.</summary>
    public double AutoBinFinestResolutionAngstrom { get; init; } = 3.0;

    /// <summary>Fraction of each tile edge tapered by a raised cosine (Tukey window) before the transform.</summary>
    public double TaperFraction { get; init; } = PowerSpectrum.DefaultTaperFraction;

    /// <summary>Subtract the least-squares plane a + b·x + c·y from every tile (else only its mean).</summary>
    public bool RemovePlane { get; init; } = true;

    /// <summary>Image pixels further than this many standard deviations from the image mean (hot/dead pixels,
    /// cosmic rays) are replaced by the mean; 0 disables.</summary>
    public double HotPixelSigma { get; init; } = 6.0;

    /// <summary>Half-width (px) of the central cross (the kx = 0 column and ky = 0 row of the spectrum, fed by tile edges
    /// and line artefacts) replaced by its neighbours; the DC pixel is always replaced. 0 keeps the cross.</summary>
    public int CentralCrossHalfWidthPx { get; init; } = 1;

    /// <summary>Tile sizes accepted: [16, 16384] px (and even).</summary>
    public static Limits TileSizeLimits { get; } = new(16, 16384, "px");

    /// <summary>Bin factors accepted: [0, 64] (0 = automatic).</summary>
    public static Limits BinFactorLimits { get; } = new(0, 64, "(0 = automatic)");

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        TileSizeLimits.Check(TileSizePx, nameof(TileSizePx));
        if (TileSizePx % 2 != 0) throw new ArgumentOutOfRangeException(nameof(TileSizePx), TileSizePx, "tile size must be even (px)");
        BinFactorLimits.Check(BinFactor, nameof(BinFactor));
        if (OverlapFraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(OverlapFraction), OverlapFraction, "overlap must be in [0, 1)");
        if (!(AutoBinFinestResolutionAngstrom > 0)) throw new ArgumentOutOfRangeException(nameof(AutoBinFinestResolutionAngstrom), AutoBinFinestResolutionAngstrom, "must be positive");
        if (TaperFraction is < 0 or > 0.5) throw new ArgumentOutOfRangeException(nameof(TaperFraction), TaperFraction, "taper fraction must be in [0, 0.5]");
        if (HotPixelSigma < 0) throw new ArgumentOutOfRangeException(nameof(HotPixelSigma), HotPixelSigma, "must be 0 (off) or positive");
        if (CentralCrossHalfWidthPx < 0) throw new ArgumentOutOfRangeException(nameof(CentralCrossHalfWidthPx), CentralCrossHalfWidthPx, "must be 0 or positive");
    }
}
