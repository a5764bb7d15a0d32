using TemKit.CtfEstimation.Spectrum;

namespace TemKit.CtfEstimation.Profile;

/// <summary>
/// A rotational (azimuthal) average of a centred spectrum: one value per integer radius in spectrum pixels, with its
/// spatial frequency. Each pixel's value is split between the two nearest radius bins with linear weights
/// (sub-pixel binning), so a ring at a fractional radius keeps its position.
/// </summary>
public sealed partial class RadialProfile
{
    public RadialProfile(double[] radiusPx, double[] frequencyInverseAngstrom, double[] value, double[] count, double pixelSizeAngstrom, int spectrumSizePx)
    {
        int n = radiusPx.Length;
        if (frequencyInverseAngstrom.Length != n || value.Length != n || count.Length != n)
            throw new ArgumentException("radial profile arrays must have equal lengths");
        RadiusPx = radiusPx;
        FrequencyInverseAngstrom = frequencyInverseAngstrom;
        Value = value;
        Count = count;
        PixelSizeAngstrom = pixelSizeAngstrom;
        SpectrumSizePx = spectrumSizePx;
    }

    /// <summary>Radius of each bin in spectrum pixels (0, 1, 2, ...).</summary>
    public double[] RadiusPx { get; }

    /// <summary>Spatial frequency of each bin, radius / (SpectrumSizePx · PixelSizeAngstrom), in 1/Å (NaN if uncalibrated).</summary>
    public double[] FrequencyInverseAngstrom { get; }

    /// <summary>Weighted mean of the spectrum (power or amplitude, see <see cref="RadialProfileOptions.Amplitude"/>) in each bin.</summary>
    public double[] Value { get; }

    /// <summary>Total interpolation weight (≈ number of pixels) that fell in each bin; 0 where none did (beyond the
    /// phase turn of an elliptical average), and <see cref="Value"/> there repeats the nearest filled bin.</summary>
    public double[] Count { get; }

    /// <summary>Real-space sampling (Å/px) of the spectrum's source, after binning (0 if unknown).</summary>
    public double PixelSizeAngstrom { get; }

    /// <summary>Edge length of the spectrum the profile came from (px); frequency step = 1/(SpectrumSizePx · PixelSizeAngstrom).</summary>
    public int SpectrumSizePx { get; }

    /// <summary>Number of bins.</summary>
    public int Length => Value.Length;

    /// <summary>Spatial frequency (1/Å) of a fractional radius in spectrum pixels.</summary>
    public double FrequencyAt(double radiusPx) => PixelSizeAngstrom > 0 ? radiusPx / (SpectrumSizePx * PixelSizeAngstrom) : double.NaN;

    /// <summary>Rotational average of <paramref name="spectrum"/> with linear-weight sub-pixel binning.</summary>
    public static RadialProfile Compute(PowerSpectrum spectrum, RadialProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        options ??= new RadialProfileOptions();
        int n = spectrum.Size, c = spectrum.Centre;
        int bins = Bins(spectrum, options);
        var sum = new double[bins];
        var weight = new double[bins];
        var pixels = spectrum.Image.Pixels;
        for (int y = 0; y < n; y++)
        {
            var row = pixels.Slice(y * n, n);
            double dy2 = (double)(y - c) * (y - c);
            for (int x = 0; x < n; x++)
            {
                double r = Math.Sqrt((x - c) * (double)(x - c) + dy2);
                Deposit(sum, weight, r, options.Amplitude ? MathF.Sqrt(row[x]) : row[x]);
            }
        }
        return Finish(sum, weight, spectrum);
    }

    private static int Bins(PowerSpectrum spectrum, RadialProfileOptions options)
    {
        int max = options.MaxRadiusPx > 0 ? Math.Min(options.MaxRadiusPx, spectrum.Size / 2) : spectrum.Size / 2;
        return max + 1;
    }

    /// <summary>Splits one value between bins floor(r) and floor(r)+1 with weights 1 − frac and frac.</summary>
    private static void Deposit(double[] sum, double[] weight, double r, double value)
    {
        int i = (int)r;
        if (i >= sum.Length) return;
        double f = r - i;
        double w0 = 1 - f;
        sum[i] += w0 * value;
        weight[i] += w0;
        if (i + 1 < sum.Length)
        {
            sum[i + 1] += f * value;
            weight[i + 1] += f;
        }
    }

    private static RadialProfile Finish(double[] sum, double[] weight, PowerSpectrum spectrum)
    {
        int bins = sum.Length;
        var radius = new double[bins];
        var freq = new double[bins];
        var value = new double[bins];
        double step = spectrum.FrequencyStepInverseAngstrom;
        for (int i = 0; i < bins; i++)
        {
            radius[i] = i;
            freq[i] = i * step;
            value[i] = weight[i] > 0 ? sum[i] / weight[i] : double.NaN;
        }
        // Bins that received no weight (beyond the phase maximum of an elliptical average) repeat the nearest filled bin.
        int lastFilled = -1;
        for (int i = 0; i < bins; i++)
            if (!double.IsNaN(value[i])) lastFilled = i;
            else if (lastFilled >= 0) value[i] = value[lastFilled];
        for (int i = bins - 1, next = -1; i >= 0; i--)
            if (!double.IsNaN(value[i])) next = i;
            else value[i] = next >= 0 ? value[next] : 0;
        return new RadialProfile(radius, freq, value, weight, spectrum.PixelSizeAngstrom, spectrum.Size);
    }
}
