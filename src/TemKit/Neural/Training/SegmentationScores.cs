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

    /// <summary>Adds the pixels of one image: predicted foreground where <paramref name="predicted"/> is non-zero, true foreground where <paramref name="truth"/> &gt; 0.5.</summary>
    public void AddMask(ReadOnlySpan<byte> predicted, ReadOnlySpan<float> truth)
    {
        if (predicted.Length != truth.Length) throw new ArgumentException($"predicted mask has {predicted.Length} pixels, truth {truth.Length}");
        for (int i = 0; i < truth.Length; i++)
        {
            bool p = predicted[i] != 0, t = truth[i] > 0.5f;
            if (p && t) TruePositives++;
            else if (p) FalsePositives++;
            else if (t) FalseNegatives++;
            else TrueNegatives++;
        }
    }

    /// <summary>Scores of a predicted mask (non-zero = foreground) against a true mask (&gt; 0.5 = foreground).</summary>
    public static SegmentationScores Of(ReadOnlySpan<byte> predicted, ReadOnlySpan<float> truth)
    {
        var s = new SegmentationScores();
        s.AddMask(predicted, truth);
        return s;
    }

    /// <summary>Precision TP/(TP + FP): the fraction of predicted foreground that is true; NaN when nothing is predicted.</summary>
    public readonly double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Recall TP/(TP + FN): the fraction of true foreground found; NaN when there is no true foreground.</summary>
    public readonly double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Intersection over union (Jaccard) TP/(TP + FP + FN); 1 when there is no foreground at all and none is predicted.</summary>
    public readonly double IoU => TruePositives + FalsePositives + FalseNegatives == 0 ? 1.0
        : (double)TruePositives / (TruePositives + FalsePositives + FalseNegatives);

    /// <summary>F1 = 2TP/(2TP + FP + FN); 1 when there is no foreground at all and none is predicted.</summary>
    public readonly double F1 => TruePositives + FalsePositives + FalseNegatives == 0 ? 1.0
        : 2.0 * TruePositives / (2.0 * TruePositives + FalsePositives + FalseNegatives);
}
