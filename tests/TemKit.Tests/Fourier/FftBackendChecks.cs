using TemKit.Fourier;

namespace TemKit.Tests.Fourier;

/// <summary>The checks every backend must pass, shared by the managed and FFTW test classes.</summary>
internal static class FftBackendChecks
{
    /// <summary>Tolerance on relative RMS error against the double-precision DFT (float32 arithmetic, log N growth).</summary>
    public const double Tolerance = 2e-6;

    public static readonly TheoryData<int, int> SmallSizes = new()
    {
        { 1, 1 }, { 2, 3 }, { 5, 7 }, { 16, 9 }, { 30, 17 }, { 64, 64 }, { 97, 13 }, { 1, 8 }, { 7, 1 }, { 262, 3 }, { 9, 1032 },
    };

    public static void ComplexMatchesNaive(IFftProvider fft, int nx, int ny)
    {
        var input = NaiveDft.RandomComplex(nx * ny, nx * 1000 + ny);
        var copy = (ComplexF[])input.Clone();
        var output = new ComplexF[nx * ny];
        fft.Forward(input, output, nx, ny);
        Assert.Equal(copy, input);
        var (re, im) = NaiveDft.Complex2D(input, nx, ny, -1);
        Assert.InRange(NaiveDft.RelativeRms(output, re, im), 0, Tolerance);

        fft.Inverse(input, output, nx, ny);
        (re, im) = NaiveDft.Complex2D(input, nx, ny, +1);
        double n = (double)nx * ny;
        for (int i = 0; i < re.Length; i++) { re[i] /= n; im[i] /= n; }
        Assert.InRange(NaiveDft.RelativeRms(output, re, im), 0, Tolerance);
    }

    public static void RealMatchesNaive(IFftProvider fft, int nx, int ny)
    {
        int h = nx / 2 + 1;
        var input = NaiveDft.RandomReal(nx * ny, nx * 7 + ny);
        var copy = (float[])input.Clone();
        var half = new ComplexF[h * ny];
        fft.ForwardReal(input, half, nx, ny);
        Assert.Equal(copy, input);
        var full = Array.ConvertAll(input, v => new ComplexF(v, 0));
        var (re, im) = NaiveDft.Complex2D(full, nx, ny, -1);
        Assert.InRange(NaiveDft.RelativeRms(half, re, im, i => i / h * nx + i % h), 0, Tolerance);

        var halfCopy = (ComplexF[])half.Clone();
        var back = new float[nx * ny];
        fft.InverseReal(half, back, nx, ny);
        Assert.Equal(halfCopy, half);
        Assert.InRange(NaiveDft.RelativeRms(back, input), 0, Tolerance);
    }

    /// <summary>Power accumulation adds |F|² of the naive DFT to what the buffer held, twice in a row.</summary>
    public static void PowerAccumulateMatchesNaive(IFftProvider fft, int nx, int ny)
    {
        int h = nx / 2 + 1;
        var input = NaiveDft.RandomReal(nx * ny, nx * 11 + ny);
        var full = Array.ConvertAll(input, v => new ComplexF(v, 0));
        var (re, im) = NaiveDft.Complex2D(full, nx, ny, -1);
        var power = new float[h * ny];
        for (int i = 0; i < power.Length; i++) power[i] = 0.25f * i;
        var scratch = new ComplexF[h * ny];
        fft.ForwardRealPowerAccumulate(input, scratch, power, nx, ny);
        fft.ForwardRealPowerAccumulate(input, scratch, power, nx, ny);
        double err = 0, norm = 0;
        for (int i = 0; i < power.Length; i++)
        {
            int j = i / h * nx + i % h;
            double expected = 0.25 * i + 2 * (re[j] * re[j] + im[j] * im[j]);
            err += (power[i] - expected) * (power[i] - expected);
            norm += expected * expected;
        }
        Assert.InRange(Math.Sqrt(err / norm), 0, 4 * Tolerance);
    }

    /// <summary>Rows given on demand give exactly the power of the stored image, and each row is asked for once.</summary>
    public static void PowerFromRowsMatchesPowerFromImage(IFftProvider fft, int nx, int ny)
    {
        int h = nx / 2 + 1;
        var input = NaiveDft.RandomReal(nx * ny, nx * 13 + ny);
        var expected = new float[h * ny];
        var actual = new float[h * ny];
        var scratch = new ComplexF[h * ny];
        fft.ForwardRealPowerAccumulate(input, scratch, expected, nx, ny);
        var asked = new int[ny];
        fft.ForwardRealPowerAccumulate((y, row) =>
        {
            Interlocked.Increment(ref asked[y]);
            input.AsSpan(y * nx, nx).CopyTo(row);
        }, scratch, actual, nx, ny);
        Assert.Equal(expected, actual);
        Assert.All(asked, count => Assert.Equal(1, count));
    }

    public static void InPlaceMatchesOutOfPlace(IFftProvider fft, int nx, int ny)
    {
        var input = NaiveDft.RandomComplex(nx * ny, 5);
        var expected = new ComplexF[nx * ny];
        fft.Forward(input, expected, nx, ny);
        var data = (ComplexF[])input.Clone();
        fft.Forward(data, data, nx, ny);
        // Same result up to rounding: a backend may pick a different algorithm in place (FFTW plans differ).
        Assert.InRange(RelativeRms(data, expected), 0, 1e-6);
        fft.Inverse(data, data, nx, ny);
        Assert.InRange(RelativeRms(data, input), 0, Tolerance);
    }

    private static double RelativeRms(ComplexF[] actual, ComplexF[] expected)
    {
        double num = 0, den = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            num += (actual[i] - expected[i]).MagnitudeSquared;
            den += expected[i].MagnitudeSquared;
        }
        return Math.Sqrt(num / den);
    }

    /// <summary>Σ|f|² = Σ|F|²/N, with the half-complex sum weighting columns 1..(nx-1)/2 twice (Hermitian symmetry).</summary>
    public static void Parseval(IFftProvider fft, int nx, int ny)
    {
        int h = nx / 2 + 1;
        var input = NaiveDft.RandomReal(nx * ny, 11);
        var half = new ComplexF[h * ny];
        fft.ForwardReal(input, half, nx, ny);
        double energy = 0, spectral = 0;
        foreach (var v in input) energy += (double)v * v;
        for (int y = 0; y < ny; y++)
            for (int kx = 0; kx < h; kx++)
            {
                bool single = kx == 0 || (nx % 2 == 0 && kx == nx / 2);
                spectral += (single ? 1 : 2) * (double)half[y * h + kx].MagnitudeSquared;
            }
        Assert.Equal(1.0, spectral / ((double)nx * ny) / energy, 5);
    }

    /// <summary>F(a f + b g) = a F(f) + b F(g).</summary>
    public static void Linearity(IFftProvider fft, int nx, int ny)
    {
        var f = NaiveDft.RandomComplex(nx * ny, 21);
        var g = NaiveDft.RandomComplex(nx * ny, 22);
        var a = new ComplexF(0.7f, -1.3f);
        var b = new ComplexF(-2.1f, 0.4f);
        var mix = new ComplexF[nx * ny];
        for (int i = 0; i < mix.Length; i++) mix[i] = a * f[i] + b * g[i];
        var ff = new ComplexF[nx * ny]; var fg = new ComplexF[nx * ny]; var fm = new ComplexF[nx * ny];
        fft.Forward(f, ff, nx, ny);
        fft.Forward(g, fg, nx, ny);
        fft.Forward(mix, fm, nx, ny);
        double num = 0, den = 0;
        for (int i = 0; i < fm.Length; i++)
        {
            var e = a * ff[i] + b * fg[i];
            num += (fm[i] - e).MagnitudeSquared;
            den += e.MagnitudeSquared;
        }
        Assert.InRange(Math.Sqrt(num / den), 0, Tolerance);
    }

    /// <summary>Zero sizes, wrong lengths and partly overlapping spans are refused with a message, not mis-transformed.</summary>
    public static void BadArgumentsAreRefused(IFftProvider fft)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => fft.Forward(new ComplexF[0], new ComplexF[0], 0, 4));
        var e = Assert.Throws<ArgumentException>(() => fft.ForwardReal(new float[12], new ComplexF[8], 4, 3));
        Assert.Equal("FFT output holds 8 values, expected 9", e.Message);
        e = Assert.Throws<ArgumentException>(() => fft.InverseReal(new ComplexF[8], new float[12], 4, 3));
        Assert.Equal("FFT input holds 8 values, expected 9", e.Message);
        var data = new ComplexF[20];
        e = Assert.Throws<ArgumentException>(() => fft.Forward(data.AsSpan(0, 12), data.AsSpan(4, 12), 4, 3));
        Assert.Contains("not overlap", e.Message);
    }
}
