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
    /// <remarks>
    /// The four pixels (c ± kx, c ± ky) share one radius, so each pair of rows c ± ky is summed and folded about the
    /// centre column before the values are split between bins: a quarter of the scattered deposits, the rest SIMD
    /// passes. This holds for any centred spectrum (no symmetry of the data is assumed). Pixels of the unpaired first
    /// row and column (ky or kx = −Size/2) enter with weight 1, paired ones with their multiplicity.
    /// </remarks>
    public static RadialProfile Compute(PowerSpectrum spectrum, RadialProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        options ??= new RadialProfileOptions();
        int n = spectrum.Size, c = spectrum.Centre;
        int bins = Bins(spectrum, options);
        var sum = new double[bins];
        var weight = new double[bins];
        var pixels = spectrum.Image.Pixels;
        var pool = System.Buffers.ArrayPool<float>.Shared;
        float[] rowA = pool.Rent(n), rowB = pool.Rent(n), folded = pool.Rent(c + 1);
        var kx2 = new double[c + 1];
        var radius = new double[c + 1];
        for (int k = 0; k <= c; k++) kx2[k] = (double)k * k;
        try
        {
            for (int dy = 0; dy <= c && dy < bins; dy++)
            {
                // Rows with |ky| = dy: the centre row alone, the pair c ± dy, or the unpaired first row (ky = −c).
                int rowCount = dy == 0 || dy == c ? 1 : 2;
                var a = rowA.AsSpan(0, n);
                LoadRow(pixels.Slice((dy == c ? 0 : c + dy) * n, n), a, options.Amplitude);
                if (rowCount == 2)
                {
                    var b = rowB.AsSpan(0, n);
                    LoadRow(pixels.Slice((c - dy) * n, n), b, options.Amplitude);
                    System.Numerics.Tensors.TensorPrimitives.Add(a, b, a);
                }
                var f = folded.AsSpan(0, c + 1);
                FoldColumns(a, c, f, rowB.AsSpan(0, c));
                System.Numerics.Tensors.TensorPrimitives.Add(kx2, (double)dy * dy, radius);
                System.Numerics.Tensors.TensorPrimitives.Sqrt(radius, radius);
                DepositRow(sum, weight, radius, f, rowCount, c);
            }
        }
        finally
        {
            pool.Return(rowA);
            pool.Return(rowB);
            pool.Return(folded);
        }
        return Finish(sum, weight, spectrum);
    }

    /// <summary>One spectrum row as power or amplitude (√power).</summary>
    private static void LoadRow(ReadOnlySpan<float> row, Span<float> destination, bool amplitude)
    {
        if (amplitude) System.Numerics.Tensors.TensorPrimitives.Sqrt(row, destination);
        else row.CopyTo(destination);
    }

    /// <summary>folded[k] = row[c + k] + row[c − k] for 0 &lt; k &lt; c; folded[0] = row[c]; folded[c] = row[0].</summary>
    private static void FoldColumns(ReadOnlySpan<float> row, int c, Span<float> folded, Span<float> scratch)
    {
        folded[0] = row[c];
        folded[c] = row[0];
        if (c < 2) return;
        var left = scratch.Slice(0, c - 1);
        row.Slice(1, c - 1).CopyTo(left);
        left.Reverse();
        System.Numerics.Tensors.TensorPrimitives.Add(row.Slice(c + 1, c - 1), left, folded.Slice(1, c - 1));
    }

    /// <summary>Deposits one folded row: value folded[k] at radius[k], weight = rows × columns folded into it.</summary>
    private static void DepositRow(double[] sum, double[] weight, ReadOnlySpan<double> radius, ReadOnlySpan<float> folded, int rowCount, int c)
    {
        int bins = sum.Length;
        for (int k = 0; k <= c; k++)
        {
            double r = radius[k];
            int i = (int)r;
            if (i >= bins) break;
            double frac = r - i, w0 = 1 - frac;
            double value = folded[k];
            double multiplicity = k == 0 || k == c ? rowCount : 2 * rowCount;
            sum[i] += w0 * value;
            weight[i] += w0 * multiplicity;
            if (i + 1 < bins)
            {
                sum[i + 1] += frac * value;
                weight[i + 1] += frac * multiplicity;
            }
        }
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
