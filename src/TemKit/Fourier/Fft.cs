namespace TemKit.Fourier;

/// <summary>
/// Picks the FFT backend. <see cref="Default"/> is the managed backend, unless FFTW (libfftw3f.so.3) loads and
/// TEMKIT_FFTW_PLANNER=measure asks for measured FFTW plans: FFTW's default ESTIMATE plans ran slower than the managed
/// backend on every size measured here (single thread: 512² 0.81 vs 0.36 ms, 4096² 79 vs 54 ms, 3838² 338 vs 74 ms;
/// docs/fft.md). The environment variable TEMKIT_FFT=managed|fftw|auto forces a choice; TEMKIT_FFT=fftw on a machine without
/// libfftw3f makes <see cref="Default"/> throw an <see cref="InvalidOperationException"/> that says what to install.
/// See docs/fft.md for the convention and the backends.
/// </summary>
public static class Fft
{
    private static readonly Lazy<IFftProvider> s_default = new(() => Select(Environment.GetEnvironmentVariable("TEMKIT_FFT")));
    private static volatile IFftProvider? s_chosen;

    /// <summary>The backend TemKit uses everywhere: the one set by <see cref="Use"/>, else the one TEMKIT_FFT selects
    /// (automatic when unset).</summary>
    public static IFftProvider Default => s_chosen ?? s_default.Value;

    /// <summary>
    /// Makes <paramref name="provider"/> the backend of every later call that does not pass its own (a notebook may
    /// switch at any time, also after its first FFT); overrides TEMKIT_FFT. Calls already running keep their backend.
    /// </summary>
    public static void Use(IFftProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        s_chosen = provider;
    }

    /// <summary>Uses the managed backend from now on (<see cref="Use"/> with <see cref="Managed"/>).</summary>
    public static void UseManaged() => Use(Managed);

    /// <summary>Uses FFTW from now on; throws <see cref="InvalidOperationException"/> saying what to install when
    /// libfftw3f.so.3 cannot be loaded.</summary>
    public static void UseFftw() => Use(Select("fftw"));

    /// <summary>Forgets a backend set by <see cref="Use"/>: back to the TEMKIT_FFT (or automatic) choice.</summary>
    public static void UseDefault() => s_chosen = null;

    /// <summary>The managed backend, always available.</summary>
    public static ManagedFftProvider Managed { get; } = new();

    /// <summary>The FFTW backend, or null when libfftw3f.so.3 cannot be loaded (check <see cref="IsFftwAvailable"/>).</summary>
    public static FftwProvider? Fftw => FftwProvider.Instance;

    /// <summary>True when libfftw3f.so.3 loads on this machine.</summary>
    public static bool IsFftwAvailable => FftwProvider.IsAvailable;

    /// <summary>The backend a TEMKIT_FFT value selects (null or empty: automatic).</summary>
    internal static IFftProvider Select(string? setting)
    {
        string? forced = setting?.Trim().ToLowerInvariant();
        return forced switch
        {
            null or "" or "auto" => Fftw is { Planner: "measure" } measured ? measured : Managed,
            "managed" => Managed,
            "fftw" => Fftw ?? throw new InvalidOperationException(
                "TEMKIT_FFT=fftw but libfftw3f.so.3 could not be loaded: install FFTW single precision " +
                "(Debian/Ubuntu: apt-get install libfftw3-single3) or unset TEMKIT_FFT to use the managed backend"),
            _ => throw new InvalidOperationException($"TEMKIT_FFT={forced}: expected 'managed', 'fftw' or 'auto'"),
        };
    }
}
