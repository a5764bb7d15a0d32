namespace TemKit.Neural.Training;

/// <summary>Pixel counts of a binary segmentation against the truth, and the F1 score (harmonic mean of precision and recall).</summary>
public struct SegmentationScores
{
    /// <summary>Foreground pixels predicted as foreground.</summary>
    public long TruePositives;
    /// <summary>Background pixels predicted as foreground.</summary>
    public long FalsePositives;
    /// <summary>Foreground pixels predicted as background.</summary>
    public long FalseNegatives;
    /// <summary>Background pixels predicted as background.</summary>
    public long TrueNegatives;

    /// <summary>Adds the pixels of one image: predicted foreground where probability ≥ threshold, true foreground where label &gt; 0.5.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<float> probability, ReadOnlySpan<float> labels, float threshold = 0.5f)
    {
        if (probability.Length != labels.Length) throw new ArgumentException("probability and label planes differ in length");
        for (int i = 0; i < labels.Length; i++)
        {
            bool p = probability[i] >= threshold, t = labels[i] > 0.5f;
            if (p && t) TruePositives++;
            else if (p) FalsePositives++;
            else if (t) FalseNegatives++;
            else TrueNegatives++;
        }
    }

    /// <summary>F1 = 2TP/(2TP + FP + FN); 1 when there is no foreground at all and none is predicted.</summary>
    public readonly double F1 => TruePositives + FalsePositives + FalseNegatives == 0 ? 1.0
        : 2.0 * TruePositives / (2.0 * TruePositives + FalsePositives + FalseNegatives);
}
