namespace TemKit.IO.Dm;

/// <summary>
/// Calibration of one image axis from ImageData.Calibrations.Dimension[i]: calibrated coordinate
/// of pixel n = (n - <see cref="Origin"/>) × <see cref="Scale"/>, in <see cref="Units"/>.
/// </summary>
/// <param name="Name">"x", "y", "z", then "axis3", "axis4"...</param>
/// <param name="Size">Number of pixels along the axis.</param>
/// <param name="Scale">Units per pixel (1 when the file has no calibration).</param>
/// <param name="Origin">DM origin in pixels: the pixel index whose calibrated coordinate is zero.</param>
/// <param name="Units">Units as written by DigitalMicrograph ("nm", "1/nm", "µm", "eV", or empty).</param>
public sealed record DmAxis(string Name, long Size, double Scale, double Origin, string Units)
{
    /// <summary>Calibrated coordinate of pixel 0, −Origin × Scale, in <see cref="Units"/> (HyperSpy's "offset").</summary>
    public double Offset => 0.0 - Origin * Scale; // 0 − x rather than −x: an origin of 0 gives +0, not "-0" in text

    /// <summary>Å per pixel when the units are a length and the scale is positive; null otherwise.</summary>
    public double? ScaleAngstrom => DmUnits.AngstromPer(Units) is { } a && Scale > 0 && double.IsFinite(Scale) ? Scale * a : null;

    /// <summary>Coordinate of pixel 0 in Å when the units are a length; null otherwise.</summary>
    public double? OffsetAngstrom => DmUnits.AngstromPer(Units) is { } a && double.IsFinite(Offset) ? Offset * a : null;

    internal static string NameOf(int index) => index switch { 0 => "x", 1 => "y", 2 => "z", _ => $"axis{index}" };
}
