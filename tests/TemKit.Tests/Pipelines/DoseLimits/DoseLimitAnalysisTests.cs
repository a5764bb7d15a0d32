using TemKit.Imaging;
using TemKit.Neural.Models;
using TemKit.Neural.Tensors;
using TemKit.Pipelines.DoseLimits;

namespace TemKit.Tests.Pipelines.DoseLimits;

/// <summary>The analysis end to end with a stand-in "network" that segments exactly the bright pixels, on frames whose
/// bright disk grows with dose: area, 50 % and convergence doses and F1 are known in closed form.</summary>
public class DoseLimitAnalysisTests
{
    private const int Size = 64;
    private const double Radius = 12;

    /// <summary>Logits = 50 × normalised input: probability ≈ 1 on the bright pixels, ≈ 0 elsewhere.</summary>
    private sealed class BrightPixels : ISegmentationNetwork
    {
        public string Kind => "msd";
        public int InputChannels => 1;
        public int Classes => 1;
        public int SizeMultiple => 1;
        public TemKit.Neural.Losses.LossKind Loss => TemKit.Neural.Losses.LossKind.CrossEntropy;
        public IReadOnlyList<Parameter> Parameters => [];

        public Tensor Predict(Tensor input)
        {
            var logits = Tensor.Uninitialised(input.N, 1, input.H, input.W);
            var src = input.Span;
            var dst = logits.Span;
            for (int i = 0; i < dst.Length; i++) dst[i] = 50 * src[i];
            return logits;
        }

        public double AccumulateGradients(Tensor input, Tensor targets) => throw new NotSupportedException("inference only");
    }

    private static Image2D Disk(double radius, double pixelSize = 0.2)
    {
        var pixels = new float[Size * Size];
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
                if (Math.Pow(x - Size / 2 + 0.5, 2) + Math.Pow(y - Size / 2 + 0.5, 2) <= radius * radius) pixels[y * Size + x] = 1;
        return new Image2D(Size, Size, pixels, new VoxelSize(pixelSize, pixelSize, 0));
    }

    // Fraction of the target disk's radius² shown at a dose: 0.2 below 30 e/Å², 0.7 up to 200, 1 above.
    private static double Fraction(double dose) => dose < 30 ? 0.2 : dose < 200 ? 0.7 : 1;

    private static List<DoseFrame> Frames(bool withMasks)
    {
        var truth = Disk(Radius);
        return Enumerable.Range(0, 40).Select(i =>
        {
            double dose = 10 * Math.Pow(1000, i / 39.0);
            return new DoseFrame(i, Disk(Radius * Math.Sqrt(Fraction(dose))), dose, withMasks ? truth : null);
        }).ToList();
    }

    private static readonly DoseLimitModel s_model = new("bright", new ModelCheckpoint(new BrightPixels(), null, null) { Input = ModelInput.FromPixelSizes([0.2]) });

    [Fact]
    public void ExactMasksGiveStepDosesAndTheClosedFormF1()
    {
        var frames = Frames(withMasks: true);
        var result = DoseLimitAnalysis.Analyse(frames, [s_model], new DoseLimitOptions { SmoothingFrames = 1, TileSizePx = 64 });
        var m = result.Models[0];
        Assert.True(m.TargetIsExact);
        Assert.Equal(frames.First(f => f.DoseElectronsPerAngstrom2 >= 30).DoseElectronsPerAngstrom2, m.Measures.FiftyPercentDoseElectronsPerAngstrom2);
        Assert.Equal(frames.First(f => f.DoseElectronsPerAngstrom2 >= 200).DoseElectronsPerAngstrom2, m.Measures.ConvergenceDoseElectronsPerAngstrom2);
        long truthArea = (long)Disk(Radius).Pixels.ToArray().Sum();
        foreach (var (row, frame) in m.Rows.Zip(frames))
        {
            // The segmented disk lies inside the true one: precision 1, recall = area ratio, F1 = 2r/(1 + r).
            long area = (long)frame.Image.Pixels.ToArray().Sum();
            double recall = (double)area / truthArea;
            Assert.Equal(area, row.AreaPx);
            Assert.Equal(truthArea, row.TargetPx);
            Assert.Equal(1.0, row.Precision, 9);
            Assert.Equal(2 * recall / (1 + recall), row.F1, 9);
            Assert.Equal(area * 0.02 * 0.02, row.AreaNm2, 9);
        }
        Assert.Equal(1.0, m.MeanF1HighDose, 9);
    }

    [Fact]
    public void WithoutMasksTheHighestDoseFrameIsTheTargetWhateverTheOrder()
    {
        var frames = Frames(withMasks: false);
        frames.Reverse();
        var result = DoseLimitAnalysis.Analyse(frames, [s_model], new DoseLimitOptions { SmoothingFrames = 1, TileSizePx = 64 });
        var m = result.Models[0];
        Assert.False(m.TargetIsExact);
        long last = (long)Disk(Radius).Pixels.ToArray().Sum();
        Assert.All(m.Rows, r => Assert.Equal(last, r.TargetPx));
        Assert.True(m.Rows.Zip(m.Rows.Skip(1)).All(p => p.First.DoseElectronsPerAngstrom2 < p.Second.DoseElectronsPerAngstrom2), "rows in dose order");
        Assert.Equal(frames.Where(f => f.DoseElectronsPerAngstrom2 >= 200).Min(f => f.DoseElectronsPerAngstrom2), m.Measures.ConvergenceDoseElectronsPerAngstrom2);
        Assert.True(double.IsNaN(m.MeanF1));
    }

    [Fact]
    public void AModelTrainedAtAnotherPixelSizeIsRefused()
    {
        var frames = Frames(withMasks: false).Select(f => f with { Image = f.Image.WithPixelSize(new VoxelSize(0.4, 0.4, 0)) });
        var e = Assert.Throws<TemKit.Pipelines.Segmentation.PixelSizeMismatchException>(() => DoseLimitAnalysis.Analyse(frames, [s_model], new DoseLimitOptions { TileSizePx = 64 }));
        Assert.Contains("0.4 Å/px", e.Message);
    }
}
