using System.Globalization;

namespace TemKit.IO.Tiff;

/// <summary>
/// Pixel size and microscope fields of a TIFF page from the vendor metadata it carries, tried in a fixed order (the
/// first that gives a pixel size wins): FEI/Thermo (tags 34680 FEI_SFEG, 34682 FEI_HELIOS), Zeiss SmartSEM (34118
/// CZ_SEM), TVIPS EM-MENU (37706), Olympus SIS (33560), DigitalMicrograph TIFF export (65003-65017), JEOL SightX
/// (TemReporter XML in ImageDescription), ImageJ (ImageDescription "unit=", resolution tags), and last the TIFF
/// resolution tags alone when their unit is a length finer than display resolutions.
/// </summary>
internal sealed partial record TiffCalibration
{
    /// <summary>Pixel size along x, y and the stack axis in Å (0 when unknown).</summary>
    public double XAngstrom { get; init; }
    public double YAngstrom { get; init; }
    public double ZAngstrom { get; init; }

    /// <summary>Which metadata gave the pixel size ("FEI_HELIOS [Scan] PixelWidth", ...) or "none".</summary>
    public string Source { get; init; } = "none";

    public double? VoltageKilovolts { get; init; }
    public double? Magnification { get; init; }
    public double? TiltDegrees { get; init; }
    public string Title { get; init; } = "";

    /// <summary>Acquisition time from the vendor metadata (FEI [User] Date/Time, Zeiss AP_DATE/AP_TIME, JEOL DateTime),
    /// or null; see <see cref="AcquiredZoneKnown"/>.</summary>
    public DateTimeOffset? Acquired { get; init; }

    /// <summary>False when <see cref="Acquired"/> is local wall-clock time of unknown zone, kept as UTC.</summary>
    public bool AcquiredZoneKnown { get; init; }

    /// <summary>Per-axis calibration for axes in other units (a DM export in 1/nm, a time axis), "axis.x.scale" style.</summary>
    public Dictionary<string, string> Fields { get; init; } = [];

    /// <summary>Reads the calibration of the current directory (page of <paramref name="width"/> x <paramref name="height"/> pixels).</summary>
    public static TiffCalibration Read(TiffTags tags, int width, int height)
    {
        var c = Fei(tags) ?? Zeiss(tags, width, height) ?? Tvips(tags) ?? Olympus(tags) ?? DmExport(tags)
            ?? JeolSightX(tags) ?? ImageJ(tags) ?? Resolution(tags) ?? new TiffCalibration();
        // The baseline DateTime tag (306, "YYYY:MM:DD HH:MM:SS", local time) when the vendor metadata gave none.
        return c.Acquired is null && LocalTimeText.ParseStamp(tags.Text(306)) is { } stamp
            ? c with { Acquired = LocalTimeText.AsReported(stamp) }
            : c;
    }

    private static double? ParseDouble(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
