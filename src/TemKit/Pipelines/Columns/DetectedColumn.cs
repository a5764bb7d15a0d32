namespace TemKit.Pipelines.Columns;

/// <summary>One column found as a peak of a map; pixel (i, j) is the point (i·px, j·px) Å.</summary>
/// <param name="XPx">Sub-pixel x (px).</param>
/// <param name="YPx">Sub-pixel y (px).</param>
/// <param name="XAngstrom">x (Å).</param>
/// <param name="YAngstrom">y (Å).</param>
/// <param name="Value">The map's value at the peak pixel (map units: label scale for a network output, σ for the baseline).</param>
public readonly record struct DetectedColumn(double XPx, double YPx, double XAngstrom, double YAngstrom, float Value);
