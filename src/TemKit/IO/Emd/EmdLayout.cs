namespace TemKit.IO.Emd;

/// <summary>How an EMD dataset's axes map to TemKit's (x fastest, then y, then frames).</summary>
internal enum EmdLayout
{
    /// <summary>Velox: Data is (ny, nx, frames) in C order, the frame index fastest.</summary>
    Velox,
    /// <summary>Berkeley/NCEM: data is (frames..., ny, nx) in C order; dim1 names the slowest axis.</summary>
    Ncem,
    /// <summary>Prismatic's EMD output: the axes are stored reversed, (nx, ny, frames) in C order; dim1 names x.</summary>
    Prismatic,
}

/// <summary>One signal of an EMD file: where its data is, how it is laid out and what its metadata says.</summary>
internal sealed record EmdEntry(
    ImageSignal Signal,
    string DatasetPath,
    EmdLayout Layout,
    int Width,
    int Height,
    int Frames,
    bool ComplexPair,
    EmdCalibration Calibration);

/// <summary>Pixel size and microscope fields of one EMD signal.</summary>
internal sealed record EmdCalibration
{
    public double XAngstrom { get; init; }
    public double YAngstrom { get; init; }
    public double ZAngstrom { get; init; }
    public double? VoltageKilovolts { get; init; }
    public double? Magnification { get; init; }
    public double? TiltDegrees { get; init; }
    public DateTimeOffset? Acquired { get; init; }
    public Dictionary<string, string> Fields { get; init; } = [];
}
