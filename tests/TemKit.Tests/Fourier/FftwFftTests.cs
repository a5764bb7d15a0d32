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
    public void PowerAccumulateMatchesNaiveDft(int nx, int ny)
    {
        if (Require(output) is { } fftw) FftBackendChecks.PowerAccumulateMatchesNaive(fftw, nx, ny);
    }

    [Theory]
    [MemberData(nameof(SmallSizes))]
    public void PowerFromRowsMatchesPowerFromImage(int nx, int ny)
    {
        if (Require(output) is { } fftw) FftBackendChecks.PowerFromRowsMatchesPowerFromImage(fftw, nx, ny);
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
    public void BadArgumentsAreRefused()
    {
        if (Require(output) is { } fftw) FftBackendChecks.BadArgumentsAreRefused(fftw);
    }

    [Fact]
    public void ConcurrentCallsAgree()
    {
        if (Require(output) is not { } fftw) return;
        const int nx = 96, ny = 80;
        var input = NaiveDft.RandomReal(nx * ny, 3);
        var expected = new ComplexF[(nx / 2 + 1) * ny];
        fftw.ForwardReal(input, expected, nx, ny);
        Parallel.For(0, 16, _ =>
        {
            var result = new ComplexF[expected.Length];
            fftw.ForwardReal(input, result, nx, ny);
            // Equal up to rounding: arrays of different alignment run different (aligned or FFTW_UNALIGNED) plans.
            double num = 0, den = 0;
            for (int k = 0; k < result.Length; k++)
            {
                num += (result[k] - expected[k]).MagnitudeSquared;
                den += expected[k].MagnitudeSquared;
            }
            Assert.InRange(Math.Sqrt(num / den), 0, 1e-6);
        });
    }
}

/// <summary>FFTW_MEASURE plans on fftwf_malloc-aligned memory (the aligned-plan path) against the managed backend.</summary>
public unsafe class FftwAlignedPlanTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(30, 17)]
    [InlineData(64, 48)]
    [InlineData(15, 9)]
    public void MeasuredAlignedPlansMatchManaged(int nx, int ny)
    {
        if (FftwFftTests.Require(output) is null) return;
        var fftw = FftwProvider.Create("measure")!;
        Assert.Equal("measure", fftw.Planner);
        int h = nx / 2 + 1;
        var image = NaiveDft.RandomReal(nx * ny, 4);
        var complexInput = NaiveDft.RandomComplex(nx * ny, 6);
        float* real = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(nx * ny * sizeof(float)), 64);
        ComplexF* half = (ComplexF*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(h * ny * sizeof(ComplexF)), 64);
        ComplexF* full = (ComplexF*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(nx * ny * sizeof(ComplexF)), 64);
        try
        {
            var realSpan = new Span<float>(real, nx * ny);
            var halfSpan = new Span<ComplexF>(half, h * ny);
            var fullSpan = new Span<ComplexF>(full, nx * ny);
            image.CopyTo(realSpan);
            fftw.ForwardReal(realSpan, halfSpan, nx, ny);
            var expected = new ComplexF[h * ny];
            Fft.Managed.ForwardReal(image, expected, nx, ny);
            Assert.InRange(RelativeRms(halfSpan, expected), 0, FftBackendChecks.Tolerance);

            fftw.InverseReal(halfSpan, realSpan, nx, ny);
            Assert.InRange(NaiveDft.RelativeRms(realSpan, image), 0, FftBackendChecks.Tolerance);

            complexInput.CopyTo(fullSpan);
            fftw.Forward(fullSpan, fullSpan, nx, ny);
            var expectedFull = new ComplexF[nx * ny];
            Fft.Managed.Forward(complexInput, expectedFull, nx, ny);
            Assert.InRange(RelativeRms(fullSpan, expectedFull), 0, FftBackendChecks.Tolerance);
            Assert.Equal(3, fftw.AlignedPlanCount);
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(real);
            System.Runtime.InteropServices.NativeMemory.AlignedFree(half);
            System.Runtime.InteropServices.NativeMemory.AlignedFree(full);
        }
    }

    private static double RelativeRms(ReadOnlySpan<ComplexF> actual, ComplexF[] expected)
    {
        double num = 0, den = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            num += (actual[i] - expected[i]).MagnitudeSquared;
            den += expected[i].MagnitudeSquared;
        }
        return Math.Sqrt(num / den);
    }
}
