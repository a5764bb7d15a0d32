using TemKit.Neural.Training;

namespace TemKit.Tests.Neural;

public class SegmentationScoresTests
{
    [Fact]
    public void HandMadeMasksGiveTheCountedScores()
    {
        // 3 true positives, 1 false positive, 2 false negatives, 4 true negatives.
        byte[] predicted = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
        float[] truth = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0];
        var s = SegmentationScores.Of(predicted, truth);
        Assert.Equal((3, 1, 2, 4), (s.TruePositives, s.FalsePositives, s.FalseNegatives, s.TrueNegatives));
        Assert.Equal(0.75, s.Precision, 12);
        Assert.Equal(0.6, s.Recall, 12);
        Assert.Equal(2 * 0.75 * 0.6 / (0.75 + 0.6), s.F1, 12); // harmonic mean = 2/3
        Assert.Equal(0.5, s.IoU, 12); // |A∩B| / |A∪B| = 3/6
        // F1 and IoU are tied: IoU = F1 / (2 − F1).
        Assert.Equal(s.F1 / (2 - s.F1), s.IoU, 12);
    }

    [Fact]
    public void EmptyMasksHaveDefinedOrNaNScores()
    {
        var none = SegmentationScores.Of([0, 0, 0], [0, 0, 0]);
        Assert.Equal(1, none.F1);
        Assert.Equal(1, none.IoU);
        Assert.True(double.IsNaN(none.Precision) && double.IsNaN(none.Recall));
        var missed = SegmentationScores.Of([0, 0, 0], [1, 0, 1]);
        Assert.Equal(0, missed.Recall);
        Assert.True(double.IsNaN(missed.Precision));
        Assert.Equal(0, missed.F1);
        Assert.Equal(0, missed.IoU);
        Assert.Throws<ArgumentException>(() => SegmentationScores.Of([1], [1, 0]));
    }
}
