using TemKit.Numerics;
using TemKit.Optics;

namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// Microscope constants, search ranges and fit settings for <see cref="CtfFitter"/>. Defaults follow CTFFIND4
/// (300 kV, Cs 2.7 mm, amplitude contrast 0.07, 30 Å low-resolution limit); the defocus range covers 0.1–5 µm.
/// </summary>
public sealed record CtfFitOptions
{
    /// <summary>Microscope constants: voltage (kV), Cs (mm), amplitude contrast (default 300 kV, 2.7 mm, 0.07).</summary>
    public ElectronOptics Optics { get; init; } = ElectronOptics.Default;

    /// <summary>Smallest mean defocus searched (Å, positive = underfocus).</summary>
    public double MinDefocusAngstrom { get; init; } = 1000;

    /// <summary>Largest mean defocus searched (Å).</summary>
    public double MaxDefocusAngstrom { get; init; } = 50000;

    /// <summary>Relative step of the exhaustive 1D defocus search (geometric grid; 0.01 = 1 %).</summary>
    public double DefocusSearchRelativeStep { get; init; } = 0.01;

    /// <summary>Coarsest spacing (Å) used in the fit (low-resolution limit; excludes the DC region).</summary>
    public double LowResolutionAngstrom { get; init; } = 30;

    /// <summary>Finest spacing (Å) used in the fit; 0 = automatic, 2.2 × the spectrum's sampling (0.9 of Nyquist).</summary>
    public double HighResolutionAngstrom { get; init; }

    /// <summary>Rings whose period in the spectrum is below this many pixels are aliased and not fitted.</summary>
    public double MinRingPeriodPx { get; init; } = 3.0;

    /// <summary>Largest astigmatism |Δf1 − Δf2| accepted, as a fraction of the mean defocus.</summary>
    public double MaxAstigmatismFraction { get; init; } = 0.3;

    /// <summary>Refine astigmatism (Δf1, Δf2, angle); false fits one isotropic defocus.</summary>
    public bool FitAstigmatism { get; init; } = true;

    /// <summary>Also fit an additional phase shift (phase plate) in [0, π).</summary>
    public bool FitPhaseShift { get; init; }

    /// <summary>Known additional phase shift (radians) used when <see cref="FitPhaseShift"/> is false.</summary>
    public double PhaseShiftRadians { get; init; }

    /// <summary>
    /// Astigmatism restraint (CTFFIND's "expected astigmatism"): scale σ (Å) of a heavy-tailed prior on Δf1 − Δf2,
    /// −log p = ln(1 + (Δf1 − Δf2)²/(2σ²)) (CTFFIND's Gaussian near zero), applied as the penalty
    /// −log p·(1 − CC²)/(N·CC) on the cross-correlation CC of N effective pixels (the prior in log-likelihood units).
    /// It removes the spurious astigmatism noise alone produces on stigmatic images and leaves well-measured
    /// astigmatism alone; 0 = off.
    /// </summary>
    public double ExpectedAstigmatismAngstrom { get; init; } = DefaultExpectedAstigmatismAngstrom;

    /// <summary>Default <see cref="ExpectedAstigmatismAngstrom"/> (Å): CTFFIND's usual 100 Å.</summary>
    public const double DefaultExpectedAstigmatismAngstrom = 100;

    /// <summary>Fit resolution criterion: the local 1D cross-correlation between the fitted CTF and the equi-phase
    /// average must stay above this value (CTFFIND4 uses CC_fit = 0.75).</summary>
    public double FitResolutionThreshold { get; init; } = 0.75;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        Optics.ValidateForFit();
        OpticsLimits.DefocusSearchAngstrom.Check(MinDefocusAngstrom, nameof(MinDefocusAngstrom));
        OpticsLimits.DefocusSearchAngstrom.Check(MaxDefocusAngstrom, nameof(MaxDefocusAngstrom));
        OpticsLimits.ResolutionAngstrom.Check(LowResolutionAngstrom, nameof(LowResolutionAngstrom));
        if (!(MinDefocusAngstrom > 0) || !(MaxDefocusAngstrom > MinDefocusAngstrom)) throw new ArgumentOutOfRangeException(nameof(MaxDefocusAngstrom), $"{MinDefocusAngstrom}..{MaxDefocusAngstrom}", "defocus range must satisfy 0 < min < max (Å)");
        if (DefocusSearchRelativeStep is <= 0 or > 0.2) throw new ArgumentOutOfRangeException(nameof(DefocusSearchRelativeStep), DefocusSearchRelativeStep, "relative step must be in (0, 0.2]");
        if (!(LowResolutionAngstrom > 0)) throw new ArgumentOutOfRangeException(nameof(LowResolutionAngstrom), LowResolutionAngstrom, "must be positive (Å)");
        if (HighResolutionAngstrom < 0 || (HighResolutionAngstrom > 0 && HighResolutionAngstrom >= LowResolutionAngstrom))
            throw new ArgumentOutOfRangeException(nameof(HighResolutionAngstrom), HighResolutionAngstrom, "must be 0 (automatic) or finer than the low-resolution limit (Å)");
        if (!(MinRingPeriodPx >= 2)) throw new ArgumentOutOfRangeException(nameof(MinRingPeriodPx), MinRingPeriodPx, "must be ≥ 2 px (Nyquist)");
        if (MaxAstigmatismFraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MaxAstigmatismFraction), MaxAstigmatismFraction, "must be in (0, 1]");
        if (!(ExpectedAstigmatismAngstrom >= 0)) throw new ArgumentOutOfRangeException(nameof(ExpectedAstigmatismAngstrom), ExpectedAstigmatismAngstrom, "must be ≥ 0 Å (0 = no restraint)");
        if (FitResolutionThreshold is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(FitResolutionThreshold), FitResolutionThreshold, "must be in (0, 1)");
    }
}
