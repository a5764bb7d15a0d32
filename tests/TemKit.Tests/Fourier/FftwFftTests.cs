using TemKit.Fourier;
using Xunit.Abstractions;

namespace TemKit.Tests.Fourier;

/// <summary>
/// The FFTW backend against the same references as the managed one. Without libfftw3f these tests fail when
/// TEMKIT_REQUIRE_FFTW=1 (CI) and otherwise pass after writing a note (xunit 2 has no runtime skip).
/// </summary>
public class FftwFftTests(ITestOutputHelper output)
{
    public static TheoryData<int, int> SmallSizes => FftBackendChecks.SmallSizes;

    /// <summary>The backend, or null after noting why the test does nothing.</summary>
    internal static FftwProvider? Require(ITestOutputHelper output)
    {
        if (Fft.Fftw is { } fftw) return fftw;
        Assert.False(Environment.GetEnvironmentVariable("TEMKIT_REQUIRE_FFTW") == "1",
            "TEMKIT_REQUIRE_FFTW=1 but libfftw3f.so.3 could not be loaded (apt-get install libfftw3-single3)");
        output.WriteLine("libfftw3f.so.3 not found: FFTW backend not tested (set TEMKIT_REQUIRE_FFTW=1 to make this a failure)");
        return null;
    }

    [Theory]
    [MemberData(nameof(SmallSizes))]
    public void ComplexMatchesNaiveDft(int nx, int ny)
    {
        if (Require(output) is { } fftw) FftBackendChecks.ComplexMatchesNaive(fftw, nx, ny);
    }

    [Theory]
    [MemberData(nameof(SmallSizes))]
    public void RealMatchesNaiveDft(int nx, int ny)
    {
        if (Require(output) is { } fftw) FftBackendChecks.RealMatchesNaive(fftw, nx, ny);
    }

    [Theory]
    [InlineData(64, 48)]
    [InlineData(45, 33)]
    public void InPlace(int nx, int ny)
    {
        if (Require(output) is { } fftw) FftBackendChecks.InPlaceMatchesOutOfPlace(fftw, nx, ny);
    }

    [Theory]
    [InlineData(128, 96)]
    [InlineData(75, 49)]
    public void Parseval(int nx, int ny)
    {
        if (Require(output) is { } fftw) FftBackendChecks.Parseval(fftw, nx, ny);
    }

    [Fact]
    public void Linearity()
    {
        if (Require(output) is { } fftw) FftBackendChecks.Linearity(fftw, 60, 42);
    }

    [Fact]
    public void ConcurrentCallsAgree()
    {
        if (Require(output) is not { } fftw) return;
        const int nx = 96, ny = 80;
        var input = NaiveDft.RandomReal(nx * ny, 3);
        var expected = new ComplexF[(nx / 2 + 1) * ny];
        fftw.ForwardReal(input, expected, nx, ny);
        Parallel.For(0, 16, i =>
        {
            var result = new ComplexF[expected.Length];
            fftw.ForwardReal(input, result, nx, ny);
            Assert.Equal(expected, result);
        });
    }
}
