namespace TemKit.IO;

/// <summary>Length units as vendors spell them, converted to ångström (shared by the TIFF, EMD and TIA readers).</summary>
internal static class LengthUnits
{
    /// <summary>Å per one <paramref name="units"/> when they are a length, otherwise null ("1/nm", "s", "").</summary>
    public static double? AngstromPer(string? units) => units?.Trim() switch
    {
        "m" or "meter" or "metre" => 1e10,
        "cm" or "centimeter" => 1e8,
        "mm" or "millimeter" => 1e7,
        "\u00B5m" or "\u03BCm" or "um" or "micron" or "microns" or "micrometer" or "micrometre" => 1e4,
        "nm" or "nanometer" or "nanometre" or "[n_m]" => 10,
        "\u00C5" or "\u212B" or "A" or "Angstrom" or "angstrom" => 1,
        "pm" or "picometer" => 0.01,
        _ => null,
    };

    /// <summary>For reciprocal lengths ("1/nm", "1 / nm", "1/m"): 1/Å per one unit; null otherwise.</summary>
    public static double? PerAngstromPer(string? units)
    {
        if (units is null) return null;
        string u = units.Replace(" ", "", StringComparison.Ordinal);
        if (!u.StartsWith("1/", StringComparison.Ordinal)) return null;
        return AngstromPer(u[2..]) is { } a ? 1 / a : null;
    }
}
