namespace TemKit.Tomography.Alignment;

/// <summary>Settings of the coarse tilt-series alignment.</summary>
public sealed record AlignmentOptions
{
    /// <summary>Estimate the tilt-axis angle in the image plane (false: use <see cref="TiltAxisDegrees"/> as given).</summary>
    public bool EstimateTiltAxis { get; init; } = true;

    /// <summary>Tilt-axis angle (degrees from the image +y axis, counter-clockwise positive): the estimate's search centre, or the value used.</summary>
    public double TiltAxisDegrees { get; init; }

    /// <summary>Half-width of the tilt-axis search (degrees).</summary>
    public double TiltAxisSearchDegrees { get; init; } = 10;

    /// <summary>Low-pass σ on the cross-correlation (cycles/pixel); suppresses noise.</summary>
    public double LowPassCyclesPerPixel { get; init; } = 0.15;

    /// <summary>High-pass σ removing slow gradients (cycles/pixel).</summary>
    public double HighPassCyclesPerPixel { get; init; } = 0.01;

    /// <summary>Largest shift searched between neighbouring tilts (fraction of the image size).</summary>
    public double MaxShiftFraction { get; init; } = 0.25;

    /// <summary>Refuses settings outside their ranges.</summary>
    public void Validate()
    {
        if (!(TiltAxisSearchDegrees >= 0 && TiltAxisSearchDegrees <= 45)) throw new ArgumentException($"tilt-axis search must be 0..45°, got {TiltAxisSearchDegrees}");
        if (!double.IsFinite(TiltAxisDegrees)) throw new ArgumentException("tilt-axis angle must be a number");
        if (!(LowPassCyclesPerPixel > 0 && LowPassCyclesPerPixel <= 0.5)) throw new ArgumentException($"low-pass must be in (0, 0.5] cycles/pixel, got {LowPassCyclesPerPixel}");
        if (!(HighPassCyclesPerPixel >= 0 && HighPassCyclesPerPixel < LowPassCyclesPerPixel)) throw new ArgumentException($"high-pass must be in [0, low-pass), got {HighPassCyclesPerPixel}");
        if (!(MaxShiftFraction > 0 && MaxShiftFraction <= 0.5)) throw new ArgumentException($"maximum shift must be in (0, 0.5] of the image, got {MaxShiftFraction}");
    }
}

/// <summary>Result of a coarse alignment.</summary>
/// <param name="TiltAxisDegrees">Tilt-axis angle in the raw images (degrees from +y, counter-clockwise positive).</param>
/// <param name="ShiftsPx">Per frame, the displacement (x, y) of its content relative to the zero-tilt frame, measured after
/// rotating the axis to +y (pixels); the aligned frame is the raw frame rotated by −axis then moved by −shift.</param>
/// <param name="TiltDegrees">Tilt angles (degrees), in stack order.</param>
/// <param name="ReferenceIndex">Frame of the smallest |tilt| (shift 0 by definition).</param>
public sealed record AlignmentResult(double TiltAxisDegrees, (double X, double Y)[] ShiftsPx, double[] TiltDegrees, int ReferenceIndex);
