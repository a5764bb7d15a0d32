using TemKit.Fourier;

namespace TemKit.Tests.Fourier;

/// <summary>The defining double-precision DFT sums, O(N²): the reference every backend is checked against.</summary>
internal static class NaiveDft
{
    /// <summary>F(kx,ky) = Σ f(x,y) exp(sign 2πi (kx x/nx + ky y/ny)), done as rows then columns, unnormalised.</summary>
    public static (double[] Re, double[] Im) Complex2D(ReadOnlySpan<ComplexF> input, int nx, int ny, int sign)
    {
        var re = new double[nx * ny];
        var im = new double[nx * ny];
        for (int i = 0; i < re.Length; i++) { re[i] = input[i].Re; im[i] = input[i].Im; }
        var rowRe = new double[nx * ny];
        var rowIm = new double[nx * ny];
        for (int y = 0; y < ny; y++)
            Dft1D(re, im, y * nx, 1, nx, rowRe, rowIm, sign);
        var outRe = new double[nx * ny];
        var outIm = new double[nx * ny];
        for (int x = 0; x < nx; x++)
            Dft1D(rowRe, rowIm, x, nx, ny, outRe, outIm, sign);
        return (outRe, outIm);
    }

    private static void Dft1D(double[] re, double[] im, int start, int stride, int n, double[] outRe, double[] outIm, int sign)
    {
        // exp(sign 2πi m/n) for m = jk mod n, tabulated once (the sum itself is the plain O(n²) definition).
        var cos = new double[n];
        var sin = new double[n];
        for (int m = 0; m < n; m++)
        {
            cos[m] = Math.Cos(2 * Math.PI * m / n);
            sin[m] = sign * Math.Sin(2 * Math.PI * m / n);
        }
        for (int k = 0; k < n; k++)
        {
            double sr = 0, si = 0;
            for (int j = 0; j < n; j++)
            {
                int m = (int)((long)j * k % n);
                double c = cos[m], s = sin[m];
                double xr = re[start + j * stride], xi = im[start + j * stride];
                sr += xr * c - xi * s;
                si += xr * s + xi * c;
            }
            outRe[start + k * stride] = sr;
            outIm[start + k * stride] = si;
        }
    }

    /// <summary>Relative RMS difference ‖a − ref‖ / ‖ref‖ of a complex result against the reference.</summary>
    public static double RelativeRms(ReadOnlySpan<ComplexF> actual, double[] refRe, double[] refIm, Func<int, int>? index = null)
    {
        double num = 0, den = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            int j = index?.Invoke(i) ?? i;
            double dr = actual[i].Re - refRe[j], di = actual[i].Im - refIm[j];
            num += dr * dr + di * di;
            den += refRe[j] * refRe[j] + refIm[j] * refIm[j];
        }
        return den == 0 ? Math.Sqrt(num) : Math.Sqrt(num / den);
    }

    /// <summary>Relative RMS difference of two real arrays.</summary>
    public static double RelativeRms(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        double num = 0, den = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = actual[i] - expected[i];
            num += d * d;
            den += (double)expected[i] * expected[i];
        }
        return den == 0 ? Math.Sqrt(num) : Math.Sqrt(num / den);
    }

    public static ComplexF[] RandomComplex(int count, int seed)
    {
        var rng = new Random(seed);
        var a = new ComplexF[count];
        for (int i = 0; i < count; i++) a[i] = new ComplexF((float)(rng.NextDouble() - 0.5), (float)(rng.NextDouble() - 0.5));
        return a;
    }

    public static float[] RandomReal(int count, int seed)
    {
        var rng = new Random(seed);
        var a = new float[count];
        for (int i = 0; i < count; i++) a[i] = (float)(rng.NextDouble() - 0.5);
        return a;
    }
}
