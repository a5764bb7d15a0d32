using TemKit.Fourier;

namespace TemKit.Tests.Fourier;

public class PowerSpectraTests
{
    /// <summary>Against the full complex transform of the same real image, shifted with FftShift.</summary>
    [Theory]
    [InlineData(8, 6)]
    [InlineData(7, 5)]
    [InlineData(1, 4)]
    [InlineData(6, 1)]
    public void CentredFullMatchesShiftedComplexTransform(int nx, int ny)
    {
        var image = NaiveDft.RandomReal(nx * ny, 9);
        var half = new ComplexF[(nx / 2 + 1) * ny];
        Fft.Managed.ForwardReal(image, half, nx, ny);
        var (re, im) = NaiveDft.Complex2D(Array.ConvertAll(image, v => new ComplexF(v, 0)), nx, ny, -1);
        var power = new float[nx * ny];
        for (int i = 0; i < power.Length; i++) power[i] = (float)(re[i] * re[i] + im[i] * im[i]);
        var expected = new float[nx * ny];
        FftShift.Shift<float>(power, expected, nx, ny);

        var actual = new float[nx * ny];
        PowerSpectra.HalfToCentredFull(half, nx, ny, actual);
        Assert.InRange(NaiveDft.RelativeRms(actual, expected), 0, 1e-5);

        PowerSpectra.HalfToCentredFull(half, nx, ny, actual, log: true);
        for (int i = 0; i < actual.Length; i++) Assert.Equal(Math.Log(1 + expected[i]), actual[i], 1e-4 * (1 + Math.Abs(Math.Log(1 + expected[i]))));
    }

    [Fact]
    public void DcLandsAtTheCentre()
    {
        const int nx = 10, ny = 7;
        var image = Enumerable.Repeat(2f, nx * ny).ToArray();
        var half = new ComplexF[(nx / 2 + 1) * ny];
        Fft.Managed.ForwardReal(image, half, nx, ny);
        var power = new float[nx * ny];
        PowerSpectra.HalfToCentredFull(half, nx, ny, power);
        Assert.Equal(Math.Pow(2.0 * nx * ny, 2), power[(ny / 2) * nx + nx / 2], 1e-2);
        Assert.Equal(0, power.Sum() - power[(ny / 2) * nx + nx / 2], 1e-2);
    }

    [Fact]
    public void WrongLengthsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => PowerSpectra.HalfToCentredFull(new ComplexF[9], 8, 2, new float[16]));
        Assert.Equal("FFT input holds 9 values, expected 10", e.Message);
        e = Assert.Throws<ArgumentException>(() => PowerSpectra.HalfToCentredFull(new ComplexF[10], 8, 2, new float[15]));
        Assert.Equal("FFT output holds 15 values, expected 16", e.Message);
    }
}

public class FftFrequencyTests
{
    [Fact]
    public void MatchesNumpyFftfreq()
    {
        // numpy.fft.fftfreq(5, d=2.0) = [0, 0.1, 0.2, -0.2, -0.1]; fftfreq(4, d=0.5) = [0, 0.5, -1, -0.5]
        double[] odd = [0, 0.1, 0.2, -0.2, -0.1];
        for (int k = 0; k < 5; k++) Assert.Equal(odd[k], FftFrequency.InverseAngstrom(k, 5, 2.0), 12);
        double[] even = [0, 0.5, -1, -0.5];
        for (int k = 0; k < 4; k++) Assert.Equal(even[k], FftFrequency.InverseAngstrom(k, 4, 0.5), 12);
    }

    [Fact]
    public void CentredAndRadiusAndNyquist()
    {
        Assert.Equal(-0.25, FftFrequency.CentredInverseAngstrom(0, 4, 2.0), 12);
        Assert.Equal(0, FftFrequency.CentredInverseAngstrom(2, 4, 2.0), 12);
        Assert.Equal(0.5, FftFrequency.RadiusInverseAngstrom(3, 4, 10, 10, 1.0, 1.0), 12);
        Assert.Equal(0.25, FftFrequency.NyquistInverseAngstrom(2.0), 12);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FftFrequency.InverseAngstrom(5, 5, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FftFrequency.InverseAngstrom(0, 5, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FftFrequency.NyquistInverseAngstrom(double.NaN));
    }
}
