namespace TemKit.IO.Dm;

/// <summary>Converts DigitalMicrograph calibration units to ångström.</summary>
internal static class DmUnits
{
    /// <summary>
    /// Å per one <paramref name="units"/> when the units are a length (m, cm, mm, µm, nm, Å, pm),
    /// otherwise null (e.g. "1/nm", "eV", "s", "" ). Both micro signs (U+00B5, U+03BC) and "um" are accepted.
    /// </summary>
    public static double? AngstromPer(string units) => units.Trim() switch
    {
        "m" => 1e10,
        "cm" => 1e8,
        "mm" => 1e7,
        "\u00B5m" or "\u03BCm" or "um" or "micron" => 1e4,
        "nm" => 10,
        "\u00C5" or "\u212B" or "Angstrom" or "angstrom" => 1,
        "pm" => 0.01,
        _ => null,
    };
}
