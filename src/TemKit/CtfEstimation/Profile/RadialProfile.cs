using System.Numerics.Tensors;
using TemKit.CtfEstimation.Spectrum;

namespace TemKit.CtfEstimation.Profile;

/// <summary>
/// A rotational (azimuthal) average of a centred spectrum: one value per integer radius in spectrum pixels, with its
/// spatial frequency. Each pixel's value is split between the two nearest radius bins with linear weights
/// (sub-pixel binning), so a ring at a fractional radius keeps its position.
/// </summary>
public sealed partial class RadialProfile
{
    /// <summary>A profile from per-bin radius (spectrum px), spatial frequency (1/Å), mean value and pixel weight, for a spectrum of side <paramref name="spectrumSizePx"/> px sampled at <paramref name="pixelSizeAngstrom"/> Å.</summary>
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
    /// passes. This holds for any centred spectrum (no symmetry of the data is assumed). The bin weights depend only on
    /// the geometry: they are the same deposit of an all-ones spectrum, computed once per size and cached.
    /// </remarks>
    public static RadialProfile Compute(PowerSpectrum spectrum, RadialProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        options ??= new RadialProfileOptions();
        int n = spectrum.Size;
        int bins = Bins(spectrum, options);
        bool amplitude = options.Amplitude;
        var sum = spectrum.HalfPlane.IsEmpty
            ? Accumulate(n, bins, (dy, folded, a, b) => FoldCentred(spectrum.Image.Pixels, n, dy, amplitude, folded, a, b))
            : Accumulate(n, bins, (dy, folded, _, b) => FoldHalfPlane(spectrum.HalfPlane, n, dy, amplitude, folded, b));
        if (!spectrum.HalfPlane.IsEmpty)
        {
            double scale = spectrum.HalfPlaneScale;
            TensorPrimitives.Multiply(sum, amplitude ? Math.Sqrt(scale) : scale, sum);
        }
        // The weights are the deposit of an all-ones spectrum: each folded value is its pixel count.
        var weight = s_weights.GetOrAdd((n, bins), key => Accumulate(key.Size, key.Bins, (dy, folded, _, _) => FoldOnes(key.Size, dy, folded)));
        return Finish(sum, (double[])weight.Clone(), spectrum);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Size, int Bins), double[]> s_weights = new();

    /// <summary>Interleaved accumulator sets: consecutive pixels mostly fall in the same bin, so one set would chain
    /// every add through the previous store to that address; four sets run four chains at once.</summary>
    private const int Sets = 4;

    /// <summary>Writes folded[k] (k = |kx| = 0..n/2) for |ky| = dy: the sum of the (power or amplitude) values of every
    /// pixel of the spectrum at (±k, ±dy), using two n-float scratch rows.</summary>
    private delegate void FoldedRow(int dy, Span<float> folded, Span<float> scratchA, Span<float> scratchB);

    /// <summary>Per-bin sums of the linear-weight deposits of the folded rows dy = 0..n/2 of an n×n spectrum.</summary>
    private static double[] Accumulate(int n, int bins, FoldedRow foldRow)
    {
        int c = n / 2;
        var pool = System.Buffers.ArrayPool<float>.Shared;
        var doubles = System.Buffers.ArrayPool<double>.Shared;
        float[] rowA = pool.Rent(n), rowB = pool.Rent(n), folded = pool.Rent(c + 1);
        double[] radius = doubles.Rent(c + 1), kx2 = doubles.Rent(c + 1), lo = doubles.Rent(c + 1), hi = doubles.Rent(c + 1);
        int[] index = System.Buffers.ArrayPool<int>.Shared.Rent(c + 1);
        // One spare bin swallows the upper share of the last bin's pixels, so the scatter needs no bounds test.
        var acc = new double[(bins + 1) * Sets];
        for (int k = 0; k <= c; k++) kx2[k] = (double)k * k;
        try
        {
            for (int dy = 0; dy <= c && dy < bins; dy++)
            {
                var f = folded.AsSpan(0, c + 1);
                foldRow(dy, f, rowA.AsSpan(0, n), rowB.AsSpan(0, n));
                var r = radius.AsSpan(0, c + 1);
                TensorPrimitives.Add(kx2.AsSpan(0, c + 1), (double)dy * dy, r);
                TensorPrimitives.Sqrt(r, r);
                // Radii grow along the row: only the first `count` pixels fall inside the profile.
                int count = c + 1;
                while (count > 0 && r[count - 1] >= bins) count--;
                DepositRow(acc, r.Slice(0, count), f.Slice(0, count), lo, hi, index);
            }
        }
        finally
        {
            pool.Return(rowA);
            pool.Return(rowB);
            pool.Return(folded);
            doubles.Return(radius);
            doubles.Return(kx2);
            doubles.Return(lo);
            doubles.Return(hi);
            System.Buffers.ArrayPool<int>.Shared.Return(index);
        }
        var sum = new double[bins];
        for (int i = 0; i < bins; i++)
            for (int j = 0; j < Sets; j++) sum[i] += acc[i * Sets + j];
        return sum;
    }

    /// <summary>Rows with |ky| = dy of a centred spectrum (the centre row alone, the pair c ± dy, or the unpaired first
    /// row ky = −c), summed and folded about the centre column.</summary>
    private static void FoldCentred(ReadOnlySpan<float> pixels, int n, int dy, bool amplitude, Span<float> folded, Span<float> a, Span<float> b)
    {
        int c = n / 2;
        LoadRow(pixels.Slice((dy == c ? 0 : c + dy) * n, n), a, amplitude);
        if (dy != 0 && dy != c)
        {
            LoadRow(pixels.Slice((c - dy) * n, n), b, amplitude);
            TensorPrimitives.Add(a, b, a);
        }
        FoldColumns(a, c, folded, b.Slice(0, c));
    }

    /// <summary>
    /// The same from the half plane of a real input's spectrum (rows ky in FFT order, columns kx = 0..n/2), never
    /// centring it: rows dy and n − dy hold the pixels (±kx, ±dy) as two values each for 0 &lt; kx &lt; n/2 (their
    /// Hermitian twins are the other two), one each on the kx = 0 and kx = n/2 columns.
    /// </summary>
    private static void FoldHalfPlane(ReadOnlySpan<float> half, int n, int dy, bool amplitude, Span<float> folded, Span<float> scratch)
    {
        int c = n / 2, h = c + 1;
        LoadRow(half.Slice(dy * h, h), folded, amplitude);
        if (dy != 0 && dy != c)
        {
            var b = scratch.Slice(0, h);
            LoadRow(half.Slice((n - dy) * h, h), b, amplitude);
            TensorPrimitives.Add(folded, b, folded);
        }
        if (c > 1) TensorPrimitives.Multiply(folded.Slice(1, c - 1), 2f, folded.Slice(1, c - 1));
    }

    /// <summary>Pixel counts: 1, 2 or 4 pixels per folded value (2 rows unless dy is 0 or n/2, 2 columns unless k is).</summary>
    private static void FoldOnes(int n, int dy, Span<float> folded)
    {
        int c = n / 2;
        float rows = dy == 0 || dy == c ? 1 : 2;
        folded.Fill(2 * rows);
        folded[0] = rows;
        folded[c] = rows;
    }

    /// <summary>One spectrum row as power or amplitude (√power).</summary>
    private static void LoadRow(ReadOnlySpan<float> row, Span<float> destination, bool amplitude)
    {
        if (amplitude) TensorPrimitives.Sqrt(row, destination);
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
        TensorPrimitives.Add(row.Slice(c + 1, c - 1), left, folded.Slice(1, c - 1));
    }

    /// <summary>
    /// Splits value[k] between bins floor(r) and floor(r) + 1 with weights 1 − frac and frac: the shares and bin
    /// indices in SIMD passes, then the scatter, pixel k into accumulator set k mod <see cref="Sets"/>.
    /// </summary>
    private static void DepositRow(double[] acc, ReadOnlySpan<double> radius, ReadOnlySpan<float> value, double[] lo, double[] hi, int[] index)
    {
        int count = radius.Length;
        var l = lo.AsSpan(0, count);
        var h = hi.AsSpan(0, count);
        var idx = index.AsSpan(0, count);
        TensorPrimitives.Floor(radius, l);
        TensorPrimitives.ConvertTruncating<double, int>(l, idx);
        TensorPrimitives.Subtract(radius, l, h);
        TensorPrimitives.ConvertChecked<float, double>(value, l);
        TensorPrimitives.Multiply(h, l, h);
        TensorPrimitives.Subtract(l, h, l);
        for (int k = 0; k < count; k++)
        {
            int at = idx[k] * Sets + (k & (Sets - 1));
            acc[at] += l[k];
            acc[at + Sets] += h[k];
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
