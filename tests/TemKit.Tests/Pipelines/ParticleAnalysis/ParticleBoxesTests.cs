using TemKit.Imaging;
using TemKit.Imaging.Resampling;
using TemKit.Pipelines.ParticleAnalysis;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

/// <summary>Coarse detection refined inside the particles' boxes against thresholding the whole resampled map.</summary>
public class ParticleBoxesTests
{
    private const int Size = 256, Coarse = 64;
    private const double Px = 0.2;

    /// <summary>A coarse probability map (4x binned) and a frame of two crystals, one near the frame's edge, plus a speck.</summary>
    private sealed class CoarseMap : ICoarseParticleDetector
    {
        public CoarseMap()
        {
            var fine = new float[Size * Size];
            var a = LatticeImages.Disc(Size, 40, 80, 90);
            var b = LatticeImages.Disc(Size, 30, 200, 225);
            var speck = LatticeImages.Disc(Size, 1.5, 200, 40);
            for (int i = 0; i < fine.Length; i++) fine[i] = Math.Max(a[i], Math.Max(b[i], speck[i]));
            Resize.Image(fine, Size, Size, Map, Coarse, Coarse);
        }

        public float[] Map { get; } = new float[Coarse * Coarse];

        public string Description => "test map";

        public CoarseProbability DetectCoarse(Image2D frame, int frameIndex) => new(Map, Coarse, Coarse, 0.5);

        public (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex)
        {
            var full = new float[Size * Size];
            Resize.Image(Map, Coarse, Coarse, full, Size, Size);
            return (full, full.Select(p => p >= 0.5f ? (byte)1 : (byte)0).ToArray());
        }
    }

    /// <summary>The same detector seen only as a frame-sized one (the dense path).</summary>
    private sealed class Dense(CoarseMap map) : IParticleDetector
    {
        public string Description => map.Description;

        public (float[] Probability, byte[] Mask) Detect(Image2D frame, int frameIndex) => map.Detect(frame, frameIndex);
    }

    [Fact]
    public void FindsTheSameParticlesWithTheSameNumbersAsTheWholeMap()
    {
        var crystal = LatticeImages.Fcc(Size, Px, 4.078, 10, (1, 1, 0), rotationDegrees: 20);
        var fringes = LatticeImages.Waves(Size, Px, [(2.355, 35, 1.0)], 0.05, seed: 4);
        var pixels = new float[Size * Size];
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                // The crystal is centred at (128, 128): shift it under particle A at (80, 90).
                int sx = x + 48, sy = y + 38;
                float c = sx < Size && sy < Size ? crystal[sx, sy] : 0;
                pixels[y * Size + x] = 100 + 3 * c + fringes.Pixels[y * Size + x];
            }
        var frame = new Image2D(Size, Size, pixels, VoxelSize.Isotropic(Px));
        var options = new ParticlesRunOptions { Segmentation = new() { MinParticleDiameterNm = 0.2 } };
        var map = new CoarseMap();
        var boxes = ParticleFrameAnalysis.Analyse(frame, 0, "f", 0, map, options);
        var whole = ParticleFrameAnalysis.Analyse(frame, 0, "f", 0, new Dense(map), options);
        Assert.Empty(boxes.Labels);          // no frame-sized map was made
        Assert.Equal(Size * Size, whole.Labels.Length);
        Assert.Equal(2, whole.Record.Particles.Count);   // the speck is below 0.2 nm
        Assert.Equal(whole.Record.Particles.Count, boxes.Record.Particles.Count);
        foreach (var (d, s) in whole.Record.Particles.Zip(boxes.Record.Particles))
        {
            Assert.Equal(d.Label, s.Label);
            Assert.Equal(d.AreaPx, s.AreaPx);
            Assert.Equal(d.Box, s.Box);
            Assert.Equal(d.CentroidXPx, s.CentroidXPx, 9);
            Assert.Equal(d.CentroidYPx, s.CentroidYPx, 9);
            Assert.Equal(d.MeanProbability, s.MeanProbability, 12);
            Assert.Equal(d.TouchesEdge, s.TouchesEdge);
            Assert.Equal(d.Ratio, s.Ratio);
            Assert.Equal(d.SpacingsAngstrom, s.SpacingsAngstrom);
        }
        Assert.Equal(whole.Record.Reason, boxes.Record.Reason);
    }
}
