using TemKit.Fourier;

namespace TemKit.Tests.Fourier;

public class FftSelectionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    public void AutomaticUsesFftwOnlyForMeasuredPlans(string? setting)
    {
        var chosen = Fft.Select(setting);
        bool measured = Fft.Fftw is { Planner: "measure" };
        Assert.Equal(measured ? "fftw" : "managed", chosen.Name);
    }

    [Fact]
    public void ManagedCanBeForced() => Assert.Same(Fft.Managed, Fft.Select(" Managed "));

    [Fact]
    public void ForcingFftwGivesItOrSaysWhatToInstall()
    {
        if (Fft.IsFftwAvailable)
            Assert.Same(Fft.Fftw, Fft.Select("fftw"));
        else
            Assert.Contains("libfftw3-single3", Assert.Throws<InvalidOperationException>(() => Fft.Select("fftw")).Message);
    }

    [Fact]
    public void UnknownBackendIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Fft.Select("cufft"));
        Assert.Contains("TEMKIT_FFT=cufft", e.Message);
    }

    [Fact]
    public void ManagedUsesTheWidestAcceleratedVector()
    {
        int expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? 256 : 32;
        Assert.Equal(expected, Fft.Managed.VectorBits);
    }
}
