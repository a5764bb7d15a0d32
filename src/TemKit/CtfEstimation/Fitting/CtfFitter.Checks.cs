using TemKit.CtfEstimation.Spectrum;

namespace TemKit.CtfEstimation.Fitting;

public static partial class CtfFitter
{
    /// <summary>Fewest CTF zeros a spectrum must be able to show, resolved, for some searched defocus.</summary>
    public const int MinimumResolvableZeros = 2;

    /// <summary>
    /// The largest number of CTF zeros (Thon rings) that fall inside the fitted band [first, last] (spectrum px) with a
    /// local ring period of at least <see cref="CtfFitOptions.MinRingPeriodPx"/>, over the searched defocus range
    /// (49 log-spaced values). A spectrum that cannot hold <see cref="MinimumResolvableZeros"/> is refused, not fitted.
    /// </summary>
    internal static int MostResolvableZeros(PhaseModel model, double frequencyStep, int first, int last, CtfFitOptions o)
    {
        int best = 0;
        double start = o.PhaseShiftRadians + model.AmplitudePhase;
        for (int k = 0; k <= 48; k++)
        {
            double defocus = o.MinDefocusAngstrom * Math.Pow(o.MaxDefocusAngstrom / o.MinDefocusAngstrom, k / 48.0);
            int count = 0;
            for (int n = (int)Math.Ceiling(start / Math.PI + 1e-9); n < 10000; n++)
            {
                double g = model.FrequencyAtPhase(n * Math.PI, defocus, o.PhaseShiftRadians);
                if (double.IsNaN(g) || g / frequencyStep > last) break;
                if (g / frequencyStep < first) continue;
                if (model.RingPeriod(g, defocus) / frequencyStep < o.MinRingPeriodPx) break;
                count++;
            }
            best = Math.Max(best, count);
        }
        return best;
    }

    /// <summary>Throws when the spectrum is too small (or too coarsely sampled) to show two resolved Thon rings.</summary>
    private static void CheckRings(PowerSpectrum spectrum, PhaseModel model, int first, int last, CtfFitOptions o)
    {
        int zeros = MostResolvableZeros(model, spectrum.FrequencyStepInverseAngstrom, first, last, o);
        if (zeros >= MinimumResolvableZeros) return;
        double step = spectrum.FrequencyStepInverseAngstrom;
        throw new ArgumentException(
            $"the {spectrum.Size} px spectrum at {spectrum.PixelSizeAngstrom:G4} Å/px can show at most {zeros} resolved Thon ring(s) " +
            $"between {1 / (first * step):G3} and {1 / (last * step):G3} Å for defocus {o.MinDefocusAngstrom:G4}-{o.MaxDefocusAngstrom:G4} Å " +
            $"(at least {MinimumResolvableZeros} needed, each ≥ {o.MinRingPeriodPx:G3} px apart); not fitted: use a larger image or tile size, or a narrower defocus range");
    }
}
