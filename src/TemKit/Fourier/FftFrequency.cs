namespace TemKit.Fourier;

/// <summary>Spatial frequencies of FFT bins, in 1/Å, for the FFT order of <see cref="IFftProvider"/> (DC at index 0).</summary>
public static class FftFrequency
{
    /// <summary>
    /// Spatial frequency of bin <paramref name="k"/> (0..n-1, FFT order) of an n-point transform of samples
    /// <paramref name="pixelSizeAngstrom"/> Å apart, in 1/Å, signed as NumPy's fftfreq(n, d): k/(n d) for k &lt; (n+1)/2,
    /// (k - n)/(n d) above.
    /// </summary>
    public static double InverseAngstrom(int k, int n, double pixelSizeAngstrom)
    {
        Check(k, n, pixelSizeAngstrom);
        return FftShift.SignedIndex(k, n) / (n * pixelSizeAngstrom);
    }

    /// <summary>Spatial frequency of the centred bin <paramref name="index"/> (DC at n/2, as after fftshift), in 1/Å.</summary>
    public static double CentredInverseAngstrom(int index, int n, double pixelSizeAngstrom)
    {
        Check(index, n, pixelSizeAngstrom);
        return (index - n / 2) / (n * pixelSizeAngstrom);
    }

    /// <summary>|k| = sqrt(kx² + ky²) in 1/Å of bin (kx, ky) of an nx×ny transform (FFT order on both axes; for
    /// half-complex data kx is simply 0..nx/2), pixel sizes in Å along x and y.</summary>
    public static double RadiusInverseAngstrom(int kx, int ky, int nx, int ny, double pixelSizeXAngstrom, double pixelSizeYAngstrom)
    {
        double fx = InverseAngstrom(kx, nx, pixelSizeXAngstrom), fy = InverseAngstrom(ky, ny, pixelSizeYAngstrom);
        return Math.Sqrt(fx * fx + fy * fy);
    }

    /// <summary>Nyquist frequency 1/(2 d) in 1/Å for samples <paramref name="pixelSizeAngstrom"/> Å apart.</summary>
    public static double NyquistInverseAngstrom(double pixelSizeAngstrom)
    {
        if (!(pixelSizeAngstrom > 0)) throw new ArgumentOutOfRangeException(nameof(pixelSizeAngstrom), pixelSizeAngstrom, "pixel size must be positive (Å)");
        return 0.5 / pixelSizeAngstrom;
    }

    private static void Check(int k, int n, double pixelSizeAngstrom)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "transform length must be at least 1");
        if ((uint)k >= (uint)n) throw new ArgumentOutOfRangeException(nameof(k), k, $"bin index must be in 0..{n - 1}");
        if (!(pixelSizeAngstrom > 0)) throw new ArgumentOutOfRangeException(nameof(pixelSizeAngstrom), pixelSizeAngstrom, "pixel size must be positive (Å)");
    }
}
