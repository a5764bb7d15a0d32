using TemKit.Fourier;

namespace TemKit.Simulation.Stem;

/// <summary>The FFT bins of a grid that fall on an annular detector (inner ≤ |k| &lt; outer), for summing |Ψ(k)|².</summary>
internal static class DetectorBins
{
    /// <summary>
    /// Bin indices of the annulus on an <paramref name="nx"/> x <paramref name="ny"/> grid of
    /// <paramref name="pixelSizeAngstrom"/> Å; throws when the detector reaches beyond the wave's band limit
    /// (<paramref name="bandLimitInverseAngstrom"/>), where the simulation holds no scattered intensity.
    /// </summary>
    public static int[] Annulus(AnnularDetector detector, double wavelengthAngstrom, int nx, int ny, double pixelSizeAngstrom, double bandLimitInverseAngstrom)
    {
        double k0 = detector.InnerInverseAngstrom(wavelengthAngstrom), k1 = detector.OuterInverseAngstrom(wavelengthAngstrom);
        if (k1 > bandLimitInverseAngstrom * (1 + 1e-9))
            throw new ArgumentException(FormattableString.Invariant(
                $"detector outer angle {detector.OuterMilliradians:G4} mrad is beyond the grid's band limit {bandLimitInverseAngstrom * wavelengthAngstrom * 1e3:F1} mrad at {pixelSizeAngstrom:G4} Å/px: use a pixel size ≤ {wavelengthAngstrom / (3 * detector.OuterMilliradians * 1e-3):G3} Å"));
        var bins = new List<int>();
        for (int j = 0; j < ny; j++)
        {
            double ky = FftShift.SignedIndex(j, ny) / (ny * pixelSizeAngstrom);
            for (int i = 0; i < nx; i++)
            {
                double kx = FftShift.SignedIndex(i, nx) / (nx * pixelSizeAngstrom), k = Math.Sqrt(kx * kx + ky * ky);
                if (k >= k0 && k < k1) bins.Add(j * nx + i);
            }
        }
        return [.. bins];
    }

    /// <summary>Σ |Ψ[b]|² over <paramref name="bins"/>.</summary>
    public static double Sum(ReadOnlySpan<ComplexF> spectrum, int[] bins)
    {
        double sum = 0;
        foreach (int b in bins)
        {
            var v = spectrum[b];
            sum += v.Re * v.Re + v.Im * v.Im;
        }
        return sum;
    }
}
