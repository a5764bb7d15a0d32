using TemKit.Simulation.Stem;

namespace TemKit.Simulation.TiltSeries;

/// <summary>What a simulated tilt series shows and how it is recorded (physics; the numerics are in <see cref="StemOptions"/>).</summary>
public sealed record TiltSeriesParameters
{
    /// <summary>Tilt angles (degrees, strictly increasing, within ±90°), rotation about the image y axis as in
    /// <see cref="Tomography.TiltGeometry"/>; default −90..90° at 1°.</summary>
    public IReadOnlyList<double> TiltsDegrees { get; init; } = TiltAngles.Default;

    /// <summary>Probe and detector (default 300 kV, 21.4 mrad, HAADF 70-200 mrad).</summary>
    public StemParameters Stem { get; init; } = StemParameters.Default;

    /// <summary>Image edge (px): each frame is ImagePixels² probe positions, and the volume ImagePixels³ voxels.</summary>
    public int ImagePixels { get; init; } = 128;

    /// <summary>Scan step = image pixel = voxel size (Å); null = the structure's bounding sphere plus 5 Å on each side
    /// across the image.</summary>
    public double? StepAngstrom { get; init; }

    /// <summary>Electron dose per frame (e/Å²); each probe position receives dose × step² electrons. 0 = no noisy series.</summary>
    public double DoseElectronsPerAngstrom2 { get; init; } = 1e4;

    /// <summary>Seed of the Poisson noise.</summary>
    public int NoiseSeed { get; init; }

    /// <summary>Standard deviation (Å) of the Gaussian blob each atom puts into the ground-truth volume.</summary>
    public double VolumeBlobSigmaAngstrom { get; init; } = 0.5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad parameter.</summary>
    public void Validate()
    {
        TiltAngles.Validate(TiltsDegrees);
        Stem.Validate();
        if (ImagePixels is < 8 or > 2048) throw new ArgumentException($"image size must be 8..2048 px, got {ImagePixels}");
        if (StepAngstrom is double s && !(s is > 0.01 and <= 10)) throw new ArgumentException($"scan step must be in (0.01, 10] Å, got {s}");
        if (!(DoseElectronsPerAngstrom2 is >= 0 and <= 1e9)) throw new ArgumentException($"dose must be 0..1e9 e/Å², got {DoseElectronsPerAngstrom2}");
        if (!(VolumeBlobSigmaAngstrom is > 0 and <= 5)) throw new ArgumentException($"volume blob sigma must be in (0, 5] Å, got {VolumeBlobSigmaAngstrom}");
    }
}
