namespace TemKit.Tomography.Interpolation;

/// <summary>
/// One training or test sample: two frames in, the frame half-way between them out, all three mapped with the inputs'
/// shared range (<see cref="FrameNormalisation.PairRange"/>: the inputs span about [0, 1]).
/// </summary>
/// <param name="Before">Frame i (normalised).</param>
/// <param name="After">Frame i + 2d (normalised).</param>
/// <param name="Target">The noise-free frame i + d (normalised with the inputs' range).</param>
/// <param name="Width">Frame width (px).</param>
/// <param name="Height">Frame height (px).</param>
/// <param name="HalfGapDegrees">Tilt between each input and the target (degrees).</param>
/// <param name="GapFrames">d, in frames of the dataset.</param>
/// <param name="DoseElectronsPerAngstrom2">Dose of the input frames (e/Å²; 0 = noise-free).</param>
/// <param name="ClusterIndex">Cluster the frames come from.</param>
/// <param name="Frame">Index of the target frame.</param>
public sealed record InterpolationSample(float[] Before, float[] After, float[] Target, int Width, int Height, double HalfGapDegrees, int GapFrames,
    double DoseElectronsPerAngstrom2, int ClusterIndex, int Frame)
{
    /// <summary>Mean squared error of linear interpolation, (before + after)/2, against the target (normalised units).</summary>
    public double LinearMse()
    {
        double sum = 0;
        for (int i = 0; i < Target.Length; i++)
        {
            double d = 0.5 * (Before[i] + After[i]) - Target[i];
            sum += d * d;
        }
        return Target.Length == 0 ? 0 : sum / Target.Length;
    }
}

/// <summary>How training samples are drawn from the clusters.</summary>
public sealed record InterpolationSampling
{
    /// <summary>Gaps d (frames) between each input and the target; default 1, 2, 4 (2°, 4°, 8° between the inputs at 1° sampling).</summary>
    public IReadOnlyList<int> GapsFrames { get; init; } = [1, 2, 4];

    /// <summary>Doses of the input frames (e/Å²); 0 = noise-free. The target is always the noise-free frame.</summary>
    public IReadOnlyList<double> DosesElectronsPerAngstrom2 { get; init; } = [0, 1e3, 3e3, 1e4];

    /// <summary>Random (dose, gap, frame) draws per cluster and epoch.</summary>
    public int SamplesPerCluster { get; init; } = 24;

    /// <summary>Clusters read and shuffled together (memory: this many series plus their noisy copies).</summary>
    public int ClustersInMemory { get; init; } = 8;

    /// <summary>Seed of the order, draws and noise.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (GapsFrames.Count == 0 || GapsFrames.Any(g => g is < 1 or > 90)) throw new ArgumentException("gaps: give gaps of 1..90 frames");
        if (DosesElectronsPerAngstrom2.Count == 0 || DosesElectronsPerAngstrom2.Any(d => !(d >= 0 && d <= 1e9))) throw new ArgumentException("doses: give doses of 0..1e9 e/Å² (0 = noise-free)");
        if (SamplesPerCluster < 1) throw new ArgumentException($"samples per cluster must be ≥ 1, got {SamplesPerCluster}");
        if (ClustersInMemory < 1) throw new ArgumentException($"clusters in memory must be ≥ 1, got {ClustersInMemory}");
    }
}
