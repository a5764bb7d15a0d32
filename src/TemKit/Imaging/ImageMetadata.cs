namespace TemKit.Imaging;

/// <summary>
/// What a file said about its image beyond the pixels: typed microscope fields where the format
/// carries them, and every raw header field or tag as text in <see cref="Fields"/>.
/// </summary>
public sealed record ImageMetadata
{
    /// <summary>Short name of the format the image came from, e.g. "MRC2014", "DM4".</summary>
    public string Format { get; init; } = "";

    /// <summary>Name of the source's element type, e.g. "float32", "int16", "complex64".</summary>
    public string DataType { get; init; } = "";

    /// <summary>Acceleration voltage in kV, if recorded.</summary>
    public double? VoltageKilovolts { get; init; }

    /// <summary>Indicated magnification, if recorded.</summary>
    public double? Magnification { get; init; }

    /// <summary>Exposure time in seconds, if recorded.</summary>
    public double? ExposureSeconds { get; init; }

    /// <summary>Acquisition time, if recorded.</summary>
    public DateTimeOffset? Acquired { get; init; }

    /// <summary>Nominal defocus in Å (positive = underfocus), if recorded.</summary>
    public double? DefocusAngstrom { get; init; }

    /// <summary>Dose in e/Å², if recorded.</summary>
    public double? DoseElectronsPerAngstrom2 { get; init; }

    /// <summary>Specimen tilt (alpha) in degrees, if recorded.</summary>
    public double? TiltAngleDegrees { get; init; }

    /// <summary>Specimen tilt (alpha) of each frame of a tilt series in degrees, in frame order, when the file or a
    /// companion file (.rawtlt/.tlt, SerialEM .mdoc) records them; empty otherwise.</summary>
    public IReadOnlyList<double> TiltAnglesDegrees { get; init; } = [];

    /// <summary>Where <see cref="TiltAnglesDegrees"/> came from (e.g. "rawtlt file x.rawtlt", "FEI2 extended header"), or "" when none.</summary>
    public string TiltAnglesSource { get; init; } = "";

    /// <summary>Index of the signal read among all signals of a multi-signal file (0 for single-image files).</summary>
    public int SignalIndex { get; init; }

    /// <summary>The signal's title as the file names it (detector name, DM image name), or "" when none.</summary>
    public string Title { get; init; } = "";

    /// <summary>Origin of the image in Å (x, y, z).</summary>
    public (double X, double Y, double Z) OriginAngstrom { get; init; }

    /// <summary>Calibration of every axis the file describes (x, y, z, then higher axes), with units; empty for
    /// formats that carry only a voxel size (MRC).</summary>
    public IReadOnlyList<ImageAxis> Axes { get; init; } = [];

    /// <summary>Every raw field or tag the reader saw, flattened to "path = value" text.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>Per-frame extended-header values (FEI1/FEI2), one dictionary per frame; empty if none.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> FrameFields { get; init; } = [];

    /// <summary>Recoverable problems the reader accepted in permissive mode.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
