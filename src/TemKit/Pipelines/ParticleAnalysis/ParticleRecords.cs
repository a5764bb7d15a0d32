namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>One particle in one frame (a row of particles.csv).</summary>
public sealed record ParticleObservation
{
    /// <summary>Frame (0-based over the run).</summary>
    public required int Frame { get; init; }

    /// <summary>Component number in the frame (1-based, raster order).</summary>
    public required int Label { get; init; }

    /// <summary>Track id (1-based, stable across frames); 0 before tracking.</summary>
    public int Track { get; init; }

    /// <summary>Area (px).</summary>
    public required long AreaPx { get; init; }

    /// <summary>Area (nm²).</summary>
    public required double AreaNm2 { get; init; }

    /// <summary>Equivalent diameter 2√(A/π) (nm).</summary>
    public required double EquivalentDiameterNm { get; init; }

    /// <summary>Equivalent diameter (px).</summary>
    public required double EquivalentDiameterPx { get; init; }

    /// <summary>Centroid x (px).</summary>
    public required double CentroidXPx { get; init; }

    /// <summary>Centroid y (px).</summary>
    public required double CentroidYPx { get; init; }

    /// <summary>Bounding box (px, inclusive).</summary>
    public required PixelBox Box { get; init; }

    /// <summary>Mean foreground probability.</summary>
    public required double MeanProbability { get; init; }

    /// <summary>Whether the particle touches the frame border.</summary>
    public required bool TouchesEdge { get; init; }

    /// <summary>Detected peak pairs.</summary>
    public required int Pairs { get; init; }

    /// <summary>Brightest/dimmest pair ratio (<see cref="RegionalFourierResult.Ratio"/>; NaN without pairs).</summary>
    public required double Ratio { get; init; }

    /// <summary>Spacings of the pairs, brightest first (Å).</summary>
    public required IReadOnlyList<double> SpacingsAngstrom { get; init; }

    /// <summary>Directions of the pairs, brightest first (degrees).</summary>
    public required IReadOnlyList<double> DirectionsDegrees { get; init; }

    /// <summary>Indexed zone axis ("" when none).</summary>
    public required string Zone { get; init; }

    /// <summary>Zone fit residual (percent; NaN without a zone).</summary>
    public required double ZoneResidualPercent { get; init; }

    /// <summary>Whether the particle passes the ratio filter.</summary>
    public required bool Passes { get; init; }
}

/// <summary>One frame (a row of frames.csv) and its particles, as stored in the run's part files.</summary>
public sealed record FrameRecord
{
    /// <summary>Frame (0-based over the run).</summary>
    public required int Frame { get; init; }

    /// <summary>Input file.</summary>
    public required string File { get; init; }

    /// <summary>Frame within the file (0-based).</summary>
    public required int FrameInFile { get; init; }

    /// <summary>Whether the frame passes the filter.</summary>
    public required bool Kept { get; init; }

    /// <summary>Why it was kept or rejected, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>Smallest ratio among its particles (NaN when none has one).</summary>
    public required double MinRatio { get; init; }

    /// <summary>Why the frame failed (null when analysed).</summary>
    public string? Error { get; init; }

    /// <summary>The particles.</summary>
    public required IReadOnlyList<ParticleObservation> Particles { get; init; }
}
