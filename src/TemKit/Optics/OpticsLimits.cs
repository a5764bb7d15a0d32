using TemKit.Numerics;

namespace TemKit.Optics;

/// <summary>
/// The ranges accepted for microscope and imaging parameters everywhere in TemKit (parameter records and the command
/// line): wide enough for every real instrument and dataset, narrow enough to refuse typos and unit mix-ups
/// (a voltage in volts, a Cs in µm, a negative dose).
/// </summary>
public static class OpticsLimits
{
    /// <summary>Acceleration voltage: (0, 3000] kV (the highest-voltage TEMs ran at 3 MV).</summary>
    public static Limits VoltageKilovolts { get; } = Limits.Positive(3000, "kV");

    /// <summary>Spherical aberration Cs: [-20, 20] mm (negative for an over-corrected Cs corrector).</summary>
    public static Limits CsMillimetres { get; } = new(-20, 20, "mm");

    /// <summary>Spherical aberration Cs in a CTF fit: [0, 20] mm (the fit models an uncorrected objective lens).</summary>
    public static Limits CsFitMillimetres { get; } = new(0, 20, "mm");

    /// <summary>Amplitude contrast fraction: [0, 1).</summary>
    public static Limits AmplitudeContrast { get; } = new(0, 1, "", MaxExclusive: true);

    /// <summary>Pixel size: (0, 1000] Å.</summary>
    public static Limits PixelSizeAngstrom { get; } = Limits.Positive(1000, "Å");

    /// <summary>Mean defocus searched or simulated: (0, 10⁶] Å (100 µm), underfocus positive.</summary>
    public static Limits DefocusSearchAngstrom { get; } = Limits.Positive(1e6, "Å");

    /// <summary>Defocus of a simulation, either sign: [-10⁶, 10⁶] Å.</summary>
    public static Limits DefocusAngstrom { get; } = new(-1e6, 1e6, "Å");

    /// <summary>Resolution limit (a spacing): (0, 10⁴] Å.</summary>
    public static Limits ResolutionAngstrom { get; } = Limits.Positive(1e4, "Å");

    /// <summary>Electron dose: (0, 10⁸] e/Å².</summary>
    public static Limits DoseElectronsPerAngstrom2 { get; } = Limits.Positive(1e8, "e/Å²");
}
