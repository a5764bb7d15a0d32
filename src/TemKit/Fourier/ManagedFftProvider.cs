using System.Collections.Concurrent;
using System.Numerics;

namespace TemKit.Fourier;

/// <summary>
/// Managed FFT backend: row and column 1D transforms in double precision, radix-2 for powers of two and
/// Bluestein's chirp-z algorithm for every other length. Thread-safe; plans are cached per length.
/// </summary>
public sealed class ManagedFftProvider : IFftProvider
{
    private readonly ConcurrentDictionary<int, Plan1D> _plans = new();

    public string Name => "managed";

    public void Forward(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny) => Complex2D(input, output, nx, ny, inverse: false);

    public void Inverse(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny) => Complex2D(input, output, nx, ny, inverse: true);

    public void ForwardReal(ReadOnlySpan<float> input, Span<ComplexF> output, int nx, int ny)
    {
        Check(input.Length, nx * ny, output.Length, (nx / 2 + 1) * ny);
        var full = new ComplexF[nx * ny];
        for (int i = 0; i < full.Length; i++) full[i] = new ComplexF(input[i], 0);
        Complex2D(full, full, nx, ny, inverse: false);
        int h = nx / 2 + 1;
        for (int y = 0; y < ny; y++)
            full.AsSpan(y * nx, h).CopyTo(output.Slice(y * h, h));
    }

    public void InverseReal(ReadOnlySpan<ComplexF> input, Span<float> output, int nx, int ny)
    {
        int h = nx / 2 + 1;
        Check(input.Length, h * ny, output.Length, nx * ny);
        var full = new ComplexF[nx * ny];
        for (int y = 0; y < ny; y++)
        {
            int yc = y == 0 ? 0 : ny - y;
            for (int x = 0; x < nx; x++)
                full[y * nx + x] = x < h ? input[y * h + x] : input[yc * h + (nx - x)].Conjugate;
        }
        Complex2D(full, full, nx, ny, inverse: true);
        for (int i = 0; i < output.Length; i++) output[i] = full[i].Re;
    }

    private static void Check(int inLength, int inExpected, int outLength, int outExpected)
    {
        if (inLength != inExpected) throw new ArgumentException($"FFT input holds {inLength} values, expected {inExpected}");
        if (outLength != outExpected) throw new ArgumentException($"FFT output holds {outLength} values, expected {outExpected}");
    }

    private void Complex2D(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny, bool inverse)
    {
        Check(input.Length, nx * ny, output.Length, nx * ny);
        var work = new Complex[nx * ny];
        for (int i = 0; i < work.Length; i++) work[i] = new Complex(input[i].Re, input[i].Im);
        var rowPlan = _plans.GetOrAdd(nx, n => new Plan1D(n));
        var colPlan = _plans.GetOrAdd(ny, n => new Plan1D(n));
        Parallel.For(0, ny, y => rowPlan.Transform(work.AsSpan(y * nx, nx), inverse));
        Parallel.For(0, nx, () => new Complex[ny], (x, _, column) =>
        {
            for (int y = 0; y < ny; y++) column[y] = work[y * nx + x];
            colPlan.Transform(column, inverse);
            for (int y = 0; y < ny; y++) work[y * nx + x] = column[y];
            return column;
        }, _ => { });
        double scale = inverse ? 1.0 / ((double)nx * ny) : 1.0;
        for (int i = 0; i < work.Length; i++)
            output[i] = new ComplexF((float)(work[i].Real * scale), (float)(work[i].Imaginary * scale));
    }

    /// <summary>An unnormalised 1D complex transform of one length.</summary>
    private sealed class Plan1D
    {
        private readonly int _n;
        private readonly Complex[] _twiddles;      // radix-2 twiddles of length _m
        private readonly int _m;                   // power-of-two working length
        private readonly Complex[]? _chirp;        // Bluestein chirp exp(-iπk²/n)
        private readonly Complex[]? _chirpSpectrum;

        public Plan1D(int n)
        {
            _n = n;
            bool pow2 = BitOperations.IsPow2(n);
            _m = pow2 ? n : (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n - 1));
            _twiddles = new Complex[_m / 2];
            for (int k = 0; k < _m / 2; k++)
                _twiddles[k] = Complex.FromPolarCoordinates(1, -2 * Math.PI * k / _m);
            if (pow2) return;
            _chirp = new Complex[n];
            for (int k = 0; k < n; k++)
            {
                long k2 = (long)k * k % (2L * n);
                _chirp[k] = Complex.FromPolarCoordinates(1, -Math.PI * k2 / n);
            }
            _chirpSpectrum = new Complex[_m];
            _chirpSpectrum[0] = Complex.Conjugate(_chirp[0]);
            for (int k = 1; k < n; k++)
                _chirpSpectrum[k] = _chirpSpectrum[_m - k] = Complex.Conjugate(_chirp[k]);
            Radix2(_chirpSpectrum, inverse: false);
        }

        public void Transform(Span<Complex> data, bool inverse)
        {
            if (inverse) Conjugate(data);
            if (_chirp is null) Radix2(data, inverse: false);
            else Bluestein(data);
            if (inverse) Conjugate(data);
        }

        private static void Conjugate(Span<Complex> data)
        {
            for (int i = 0; i < data.Length; i++) data[i] = Complex.Conjugate(data[i]);
        }

        private void Bluestein(Span<Complex> data)
        {
            var a = new Complex[_m];
            for (int k = 0; k < _n; k++) a[k] = data[k] * _chirp![k];
            Radix2(a, inverse: false);
            for (int k = 0; k < _m; k++) a[k] *= _chirpSpectrum![k];
            Conjugate(a);
            Radix2(a, inverse: false);
            Conjugate(a);
            double scale = 1.0 / _m;
            for (int k = 0; k < _n; k++) data[k] = a[k] * scale * _chirp![k];
        }

        private void Radix2(Span<Complex> data, bool inverse)
        {
            int m = data.Length;
            for (int i = 1, j = 0; i < m; i++)
            {
                int bit = m >> 1;
                for (; (j & bit) != 0; bit >>= 1) j ^= bit;
                j ^= bit;
                if (i < j) (data[i], data[j]) = (data[j], data[i]);
            }
            for (int len = 2; len <= m; len <<= 1)
            {
                int half = len >> 1, stride = _m / len;
                for (int start = 0; start < m; start += len)
                    for (int k = 0; k < half; k++)
                    {
                        Complex w = _twiddles[k * stride];
                        if (inverse) w = Complex.Conjugate(w);
                        Complex u = data[start + k], v = data[start + k + half] * w;
                        data[start + k] = u + v;
                        data[start + k + half] = u - v;
                    }
            }
        }
    }
}
