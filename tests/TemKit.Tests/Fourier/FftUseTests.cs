using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.Tests.Fourier;

/// <summary>The backend settable from code: Fft.Use/UseManaged/UseDefault, and explicit providers on entry points.</summary>
[Collection("cli")]
public sealed class FftUseTests
{
    /// <summary>Managed transforms, counted.</summary>
    private sealed class Counting : IFftProvider
    {
        public int Calls;

        public string Name => "counting";

        public void ForwardReal(ReadOnlySpan<float> input, Span<ComplexF> output, int nx, int ny) { Interlocked.Increment(ref Calls); Fft.Managed.ForwardReal(input, output, nx, ny); }

        public void InverseReal(ReadOnlySpan<ComplexF> input, Span<float> output, int nx, int ny) { Interlocked.Increment(ref Calls); Fft.Managed.InverseReal(input, output, nx, ny); }

        public void Forward(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny) { Interlocked.Increment(ref Calls); Fft.Managed.Forward(input, output, nx, ny); }

        public void Inverse(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny) { Interlocked.Increment(ref Calls); Fft.Managed.Inverse(input, output, nx, ny); }
    }

    private static Image2D Ramp()
    {
        var image = new Image2D(32, 32, VoxelSize.Isotropic(1));
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++) image[x, y] = MathF.Sin(x * 0.7f) + 0.1f * y;
        return image;
    }

    [Fact]
    public void UseSwitchesTheDefaultAfterTheFirstFftAndUseDefaultRestoresIt()
    {
        var before = Fft.Default;
        var expected = ImageSpectra.CentredPowerSpectrum(Ramp(), Fft.Managed);
        var counting = new Counting();
        try
        {
            Fft.Use(counting);
            Assert.Same(counting, Fft.Default);
            var power = ImageSpectra.CentredPowerSpectrum(Ramp());
            Assert.True(counting.Calls >= 1);
            Assert.Equal(expected.Pixels.ToArray(), power.Pixels.ToArray());
            Fft.UseManaged();
            Assert.Same(Fft.Managed, Fft.Default);
        }
        finally
        {
            Fft.UseDefault();
        }
        Assert.Same(before, Fft.Default);
    }

    [Fact]
    public void AnExplicitProviderIsUsedWithoutTouchingTheDefault()
    {
        var counting = new Counting();
        var frame = TemKit.Detector.DetectorSimulator.Vacuum(64, 64, 5, new TemKit.Detector.DetectorModel(0.3, 2.5, 0, 0.01), new Random(1));
        var analysis = TemKit.Detector.MtfAnalysis.Analyse(frame, new TemKit.Detector.MtfAnalysisOptions(), counting);
        Assert.Equal(1, counting.Calls);
        Assert.NotSame(counting, Fft.Default);
        Assert.NotNull(analysis.Fit);
        ImageSpectra.CentredPowerSpectrum(Ramp(), counting);
        Assert.Equal(2, counting.Calls);
    }
}
