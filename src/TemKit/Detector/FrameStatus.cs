namespace TemKit.Detector;

/// <summary>Outcome of analysing one frame.</summary>
public enum FrameStatus
{
    /// <summary>Fitted; usable for the series.</summary>
    Ok,

    /// <summary>Fitted, but R² is low: the region may contain specimen. Left out of the series fit.</summary>
    Flagged,

    /// <summary>Not fitted: bad frame or region.</summary>
    Error,
}
