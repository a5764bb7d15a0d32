using TemKit.Imaging;
using TemKit.Neural.Losses;
using TemKit.Neural.Models;
using TemKit.Pipelines.Columns;

namespace TemKit.Tests.Pipelines.Columns;

public class SymmetryAveragingTests
{
    [Fact]
    public void EveryTransformIsAPermutationOfThePixels()
    {
        const int w = 5, h = 3;
        for (int g = 0; g < 8; g++)
        {
            var (tw, th) = ColumnDetector.Transformed(g, w, h);
            var seen = new HashSet<(int, int)>();
            for (int v = 0; v < th; v++)
                for (int u = 0; u < tw; u++)
                {
                    var (x, y) = ColumnDetector.Source(g, u, v, w, h);
                    Assert.InRange(x, 0, w - 1);
                    Assert.InRange(y, 0, h - 1);
                    Assert.True(seen.Add((x, y)));
                }
            Assert.Equal(w * h, seen.Count);
        }
    }

    [Fact]
    public void AveragedMapIsEquivariantUnderMirrorAndTranspose()
    {
        // A random (untrained) regression MSD-net is not symmetric; the averaged map of a mirrored or transposed image
        // must be the mirrored or transposed averaged map (a non-square image checks the transpose).
        string path = Path.Combine(Path.GetTempPath(), $"temkit-sym-{Guid.NewGuid():N}.tkm");
        try
        {
            ModelFile.Save(path, new MsdNet(new MsdNetParameters(Depth: 4, KernelSize: 3, Loss: LossKind.MeanSquaredError)), input: ModelInput.FromPixelSizes([0.15]));
            var model = ModelFile.Load(path);
            const int w = 40, h = 28;
            var rng = new Random(3);
            var image = new Image2D(w, h, new VoxelSize(0.15, 0.15, 0));
            for (int k = 0; k < w * h; k++) image.Pixels[k] = (float)rng.NextDouble();
            Image2D Mirror(Image2D a) { var b = new Image2D(a.Width, a.Height, a.PixelSize); for (int y = 0; y < a.Height; y++) for (int x = 0; x < a.Width; x++) b[x, y] = a[a.Width - 1 - x, y]; return b; }
            Image2D Transpose(Image2D a) { var b = new Image2D(a.Height, a.Width, a.PixelSize); for (int y = 0; y < a.Height; y++) for (int x = 0; x < a.Width; x++) b[y, x] = a[x, y]; return b; }
            var peaks = new PeakFinderOptions();
            var plain = new ColumnDetector(model, peaks);
            var averaged = new ColumnDetector(model, peaks, averageSymmetries: true);
            float Gap(Image2D a, Image2D b) => a.Pixels.ToArray().Zip(b.Pixels.ToArray(), (p, q) => Math.Abs(p - q)).Max();
            Assert.True(Gap(Mirror(plain.Detect(image).Map), plain.Detect(Mirror(image)).Map) > 1e-3f, "the random network is already mirror-symmetric");
            var map = averaged.Detect(image).Map;
            Assert.True(Gap(Mirror(map), averaged.Detect(Mirror(image)).Map) < 1e-5f);
            Assert.True(Gap(Transpose(map), averaged.Detect(Transpose(image)).Map) < 1e-5f);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
