using TemKit.CtfEstimation.Profile;

namespace TemKit.Pipelines.Defocus;

/// <summary>
/// The stages after the radial profile (seed scripts D and E), usable from images or from saved juncture files:
/// smoothing with background removal, Thon-ring peaks, and the seed's 2nd-peak columns of the results row.
/// </summary>
public static class ProfileStages
{
    /// <summary>Smooths a profile (Gaussian, <see cref="DefocusRunOptions.SmoothingSigmaPx"/>) and removes its background.</summary>
    /// <param name="profile">Radial profile.</param>
    /// <param name="spectrumPixelSizeAngstrom">Sampling (Å/px) of the spectrum the profile came from.</param>
    /// <param name="spectrumSizePx">Edge of that spectrum (px).</param>
    /// <param name="options">Run settings.</param>
    public static SmoothedCurve Smooth(ProfileCurve profile, double spectrumPixelSizeAngstrom, int spectrumSizePx, DefocusRunOptions options)
    {
        var radial = new RadialProfile(profile.RadiusPx, profile.FrequencyInverseAngstrom, profile.Value,
            new double[profile.Value.Length], spectrumPixelSizeAngstrom, spectrumSizePx);
        var s = ProfileSmoothing.Smooth(radial, options.SmoothingSigmaPx, options.MinRadiusPx);
        return new SmoothedCurve(s.RadiusPx, s.FrequencyInverseAngstrom, s.Raw, s.Smoothed, s.Background, s.Signal);
    }

    /// <summary>Every Thon-ring maximum and zero of a smoothed profile, maxima first, each kind in order of radius.</summary>
    public static List<RingPeak> FindPeaks(SmoothedCurve smoothed, double spectrumPixelSizeAngstrom, int spectrumSizePx, DefocusRunOptions options)
    {
        var profile = new SmoothedProfile(smoothed.RadiusPx, smoothed.FrequencyInverseAngstrom, smoothed.Raw, smoothed.Smoothed,
            smoothed.Background, smoothed.Signal, options.SmoothingSigmaPx, options.MinRadiusPx, spectrumPixelSizeAngstrom, spectrumSizePx);
        var rings = ThonRingPeaks.Find(profile, options.MinRelativeProminence);
        var peaks = new List<RingPeak>(rings.Peaks.Count + rings.Zeros.Count);
        foreach (var p in rings.Peaks) peaks.Add(new RingPeak(p.Order, "max", p.RadiusPx, p.FrequencyInverseAngstrom, p.Height, p.Prominence));
        foreach (var z in rings.Zeros) peaks.Add(new RingPeak(z.Order, "min", z.RadiusPx, z.FrequencyInverseAngstrom, z.Height, z.Prominence));
        return peaks;
    }

    /// <summary>The row with second_peak_px / second_peak_inv_A taken from the 2nd maximum of <paramref name="peaks"/> (NaN if none).</summary>
    public static DefocusResult WithSecondPeak(DefocusResult row, IReadOnlyList<RingPeak> peaks)
    {
        var second = peaks.FirstOrDefault(p => p.Kind == "max" && p.Index == 2);
        return row with
        {
            SecondPeakPx = second?.RadiusPx ?? double.NaN,
            SecondPeakInverseAngstrom = second?.FrequencyInverseAngstrom ?? double.NaN,
        };
    }
}
