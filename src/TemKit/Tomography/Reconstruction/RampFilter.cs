using TemKit.Fourier;

namespace TemKit.Tomography.Reconstruction;

/// <summary>
/// The WBP filter: the band-limited ramp |ν| built from its sampled spatial kernel (Kak and Slaney 1988, Eq. 3.61:
/// h(0) = 1/4, h(n) = −1/(π n)² for odd n, 0 for even n) so the DC term is right, times an apodisation window and the
/// cut-off/falloff of <see cref="ReconstructionOptions"/>. Rows are zero-padded to <see cref="PaddedLength"/> (a power of
/// two ≥ 2 × width) before filtering, as scikit-image's iradon does.
/// </summary>
public sealed class RampFilter
{
    /// <summary>Builds the filter for projection rows of <paramref name="widthPx"/> pixels.</summary>
    public RampFilter(int widthPx, ReconstructionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPx);
        ArgumentNullException.ThrowIfNull(options);
        WidthPx = widthPx;
        PaddedLength = Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * widthPx)));
        int p = PaddedLength;
        var kernel = new float[p];
        kernel[0] = 0.25f;
        for (int n = 1; n < p / 2; n += 2)
        {
            float v = (float)(-1.0 / (Math.PI * n * Math.PI * n));
            kernel[n] = v;
            kernel[p - n] = v;
        }
        var spectrum = new ComplexF[p / 2 + 1];
        Fft.Default.ForwardReal(kernel, spectrum, p, 1);
        Response = new float[p / 2 + 1];
        for (int k = 0; k <= p / 2; k++)
        {
            double nu = (double)k / p;
            Response[k] = (float)(spectrum[k].Re * Window(nu, options));
        }
    }

    /// <summary>Projection row length (pixels).</summary>
    public int WidthPx { get; }

    /// <summary>Padded row length used for the FFT.</summary>
    public int PaddedLength { get; }

    /// <summary>Filter response at ν = k / PaddedLength cycles/pixel, k = 0 .. PaddedLength/2 (ramp × window).</summary>
    public float[] Response { get; }

    /// <summary>Window × cut-off/falloff factor at frequency <paramref name="nu"/> (cycles/pixel).</summary>
    public static double Window(double nu, ReconstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double cut = options.CutoffCyclesPerPixel, t = Math.Min(1, nu / cut);
        double w = options.Window switch
        {
            FilterWindow.SheppLogan => t == 0 ? 1 : Math.Sin(Math.PI * t / 2) / (Math.PI * t / 2),
            FilterWindow.Cosine => Math.Cos(Math.PI * t / 2),
            FilterWindow.Hamming => 0.54 + 0.46 * Math.Cos(Math.PI * t),
            FilterWindow.Hann => 0.5 + 0.5 * Math.Cos(Math.PI * t),
            _ => 1,
        };
        if (nu <= cut) return w;
        double sigma = options.FalloffCyclesPerPixel;
        return sigma > 0 ? w * Math.Exp(-(nu - cut) * (nu - cut) / (2 * sigma * sigma)) : 0;
    }

    /// <summary>Filters every row of <paramref name="image"/> (<paramref name="height"/> rows of <see cref="WidthPx"/>) in place.</summary>
    public void Apply(Span<float> image, int height)
    {
        if (image.Length != (long)height * WidthPx) throw new ArgumentException($"image holds {image.Length} values, {height} rows of {WidthPx} need {(long)height * WidthPx}");
        int p = PaddedLength, half = p / 2 + 1;
        var padded = new float[p * height];
        for (int y = 0; y < height; y++) image.Slice(y * WidthPx, WidthPx).CopyTo(padded.AsSpan(y * p));
        var spectrum = new ComplexF[half * height];
        // A filter that depends on kx only, applied to the 2D transform, filters each row independently.
        Fft.Default.ForwardReal(padded, spectrum, p, height);
        for (int y = 0; y < height; y++)
        {
            var row = spectrum.AsSpan(y * half, half);
            for (int k = 0; k < half; k++) row[k] = new ComplexF(row[k].Re * Response[k], row[k].Im * Response[k]);
        }
        Fft.Default.InverseReal(spectrum, padded, p, height);
        for (int y = 0; y < height; y++) padded.AsSpan(y * p, WidthPx).CopyTo(image.Slice(y * WidthPx));
    }
}
