using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Neural.Training;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Neural;

public class BinnedDatasetTests
{
    [Fact]
    public void BinningAveragesBlocksVotesMasksAndScalesThePixelSize()
    {
        const int W = 16, H = 12, F = 4;
        using var dir = new TempFolder();
        var images = new ImageStack(W, H, 2, voxelSize: VoxelSize.Isotropic(0.5));
        var masks = new ImageStack(W, H, 2, voxelSize: VoxelSize.Isotropic(0.5));
        var rng = new Random(7);
        for (int i = 0; i < images.Data.Length; i++) images.Data[i] = (float)(100 * rng.NextDouble());
        // Mask: a 6x6 square at (2, 2): block (0, 0) is 4/16 covered, (1, 0) 4/16 ... and (0, 0)-(1, 1) blocks vary.
        for (int z = 0; z < 2; z++)
            for (int y = 2; y < 8; y++)
                for (int x = 2; x < 8 + 2 * z; x++)
                    masks.Data[z * W * H + y * W + x] = 1;
        string imagePath = dir["images.mrc"], maskPath = dir["masks.mrc"];
        MrcFile.Write(imagePath, images);
        MrcFile.Write(maskPath, masks);

        var samples = SegmentationDataset.Load(imagePath, maskPath, classes: 1, binFactor: F);
        Assert.Equal(2, samples.Count);
        for (int z = 0; z < 2; z++)
        {
            var s = samples[z];
            Assert.Equal((W / F, H / F), (s.Width, s.Height));
            Assert.Equal(0.5 * F, s.PixelSizeAngstrom, 1e-12);
            // Naive reference: block means, then mean 0 / standard deviation 1; a block is foreground when ≥ half of it is.
            var mean = new double[(W / F) * (H / F)];
            var cover = new double[mean.Length];
            for (int y = 0; y < H; y++)
                for (int x = 0; x < W; x++)
                {
                    int b = (y / F) * (W / F) + x / F;
                    mean[b] += images.Data[z * W * H + y * W + x] / (double)(F * F);
                    cover[b] += masks.Data[z * W * H + y * W + x] / (double)(F * F);
                }
            double m = mean.Average(), sd = Math.Sqrt(mean.Select(v => (v - m) * (v - m)).Average());
            for (int b = 0; b < mean.Length; b++)
            {
                Assert.Equal((mean[b] - m) / sd, s.Image[b], 1e-4);
                Assert.Equal(cover[b] >= 0.5 ? 1f : 0f, s.Labels[b]);
            }
        }
        Assert.Throws<ArgumentException>(() => SegmentationDataset.Load(imagePath, maskPath, classes: 3, binFactor: 2));
    }
}
