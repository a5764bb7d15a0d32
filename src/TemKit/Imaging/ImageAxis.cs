namespace TemKit.Imaging;

/// <summary>
/// Calibration of one image axis as the file records it: calibrated coordinate of pixel n = (n − <see cref="OriginPx"/>)
/// × <see cref="Scale"/>, in <see cref="Units"/>.
/// </summary>
/// <param name="Name">"x", "y", "z", then "axis3", "axis4"...</param>
/// <param name="SizePx">Number of pixels along the axis.</param>
/// <param name="Scale">Units per pixel (1 when the file has no calibration).</param>
/// <param name="OriginPx">The pixel index whose calibrated coordinate is zero (DigitalMicrograph's origin).</param>
/// <param name="Offset">Calibrated coordinate of pixel 0, −origin × scale, in <paramref name="Units"/>.</param>
/// <param name="Units">Units as written by the file ("nm", "1/nm", "µm", "eV", or empty = uncalibrated).</param>
public sealed record ImageAxis(string Name, long SizePx, double Scale, double OriginPx, double Offset, string Units)
{
    /// <summary>True when the units are a reciprocal length ("1/nm", "1/Å"...): a diffraction pattern's axis.</summary>
    public bool IsReciprocal => Units.StartsWith("1/", StringComparison.Ordinal);
}
