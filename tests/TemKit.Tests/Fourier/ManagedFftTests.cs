using TemKit.Fourier;
using TemKit.Fourier.Managed;

namespace TemKit.Tests.Fourier;

public class ManagedFftTests
{
    private static readonly ManagedFftProvider[] s_widths =
        [new(SimdWidth.Bits512), new(SimdWidth.Bits256), new(SimdWidth.Scalar)];

    public static TheoryData<int, int> SmallSizes => FftBackendChecks.SmallSizes;

    [Theory]
    [MemberData(nameof(SmallSizes))]
    public void ComplexMatchesNaiveDftAtEveryWidth(int nx, int ny)
    {
        foreach (var fft in s_widths) FftBackendChecks.ComplexMatchesNaive(fft, nx, ny);
    }

    [Theory]
    [MemberData(nameof(SmallSizes))]
    public void RealMatchesNaiveDftAtEveryWidth(int nx, int ny)
    {
        foreach (var fft in s_widths) FftBackendChecks.RealMatchesNaive(fft, nx, ny);
    }

    [Theory]
    [InlineData(64, 48)]
    [InlineData(45, 33)]
    public void InPlace(int nx, int ny) => FftBackendChecks.InPlaceMatchesOutOfPlace(Fft.Managed, nx, ny);

    [Theory]
    [InlineData(128, 96)]
    [InlineData(75, 49)]
    public void Parseval(int nx, int ny) => FftBackendChecks.Parseval(Fft.Managed, nx, ny);

    [Theory]
    [MemberData(nameof(SmallSizes))]
    [InlineData(128, 160)]
    public void PowerAccumulateMatchesNaiveDft(int nx, int ny) => FftBackendChecks.PowerAccumulateMatchesNaive(Fft.Managed, nx, ny);

    [Theory]
    [MemberData(nameof(SmallSizes))]
    [InlineData(128, 160)]
    public void PowerFromRowsMatchesPowerFromImage(int nx, int ny) => FftBackendChecks.PowerFromRowsMatchesPowerFromImage(Fft.Managed, nx, ny);

    [Fact]
    public void Linearity() => FftBackendChecks.Linearity(Fft.Managed, 60, 42);

    [Fact]
    public void BadArgumentsAreRefused() => FftBackendChecks.BadArgumentsAreRefused(Fft.Managed);

    /// <summary>Concurrent first calls of new sizes (plans built in parallel) give the results of later serial calls.</summary>
    [Fact]
    public void ConcurrentCallsAgree()
    {
        int[] sizes = [139, 246, 308, 170]; // used by no other test, so their plans are built here, concurrently
        const int ny = 40;
        var results = new ComplexF[32][];
        Parallel.For(0, results.Length, i =>
        {
            int n = sizes[i % sizes.Length];
            results[i] = new ComplexF[(n / 2 + 1) * ny];
            Fft.Managed.ForwardReal(NaiveDft.RandomReal(n * ny, n), results[i], n, ny);
        });
        for (int i = 0; i < results.Length; i++)
        {
            int n = sizes[i % sizes.Length];
            var expected = new ComplexF[(n / 2 + 1) * ny];
            Fft.Managed.ForwardReal(NaiveDft.RandomReal(n * ny, n), expected, n, ny);
            Assert.Equal(expected, results[i]);
        }
    }
}

public class ManagedFftLengthTests
{
    /// <summary>Every radix path: powers of 2, 4 and 8, odd primes up to the direct limit, Bluestein above it, mixtures.</summary>
    [Theory]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 29, 31, 32, 33 })]
    [InlineData(new[] { 49, 53, 64, 101, 127, 128, 131, 210, 211, 257, 343, 512, 1000, 1024, 1326 })]
    public void OneDimensionalLengthsMatchNaiveDft(int[] lengths)
    {
        foreach (int n in lengths)
        {
            FftBackendChecks.ComplexMatchesNaive(Fft.Managed, n, 1);
            FftBackendChecks.ComplexMatchesNaive(Fft.Managed, 1, n);
            FftBackendChecks.RealMatchesNaive(Fft.Managed, n, 1);
        }
    }
}
