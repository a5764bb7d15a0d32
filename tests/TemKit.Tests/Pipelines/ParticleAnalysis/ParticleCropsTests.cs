using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;
using TemKit.Pipelines.ParticleAnalysis;
using TemKit.Pipelines.Segmentation;
using TemKit.Tests.Cli;

namespace TemKit.Tests.Pipelines.ParticleAnalysis;

public class ParticleCropsTests
{
    private const int Size = ParticleTestSeries.Size;
    private const double Px = ParticleTestSeries.Px;

    [Fact]
    public void CropsEachPassingParticleFromItsFrame()
    {
        using var dir = new TempFolder();
        var (images, masks) = ParticleTestSeries.Write(dir.Root);
        using (var detector = new MaskStackDetector([masks]))
            new ParticlesRun(dir["run"], detector, new ParticlesRunOptions { FilterRatio = 5, ReportFrames = 0 }).Run([images]);
        var table = CsvFiles.ReadTable(Path.Combine(dir["run"], "select", "crops.csv"));
        var crops = MrcFile.Read(Path.Combine(dir["run"], "select", "crops.mrc"));
        // Only the crystal passes, once per frame; its box is 111 px, so the automatic side is 1.5 x 111 → 192 px.
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(2, crops.Nz);
        Assert.Equal(192, crops.Nx);
        Assert.Equal(Px, crops.VoxelSize.XAngstrom, 1e-6);
        using var source = ImageFile.Open(images);
        var frame = new float[Size * Size];
        for (int k = 0; k < 2; k++)
        {
            var row = table.Rows[k];
            int f = int.Parse(row[table.ColumnIndex("frame")]), x0 = int.Parse(row[table.ColumnIndex("x0_px")]), y0 = int.Parse(row[table.ColumnIndex("y0_px")]);
            Assert.Equal(k, f);
            source.ReadFrame(f, frame);
            for (int y = 0; y < 192; y++)
                for (int x = 0; x < 192; x++)
                    Assert.Equal(frame[(y0 + y) * Size + x0 + x], crops.Data[k * 192 * 192 + y * 192 + x]);
            // The crop holds the particle's centroid (70 + 4k, 80) where the table says.
            double cx = double.Parse(row[table.ColumnIndex("centroid_x_in_crop_px")], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(70 + 4 * k - x0, cx, 0.5);
        }
    }

    [Fact]
    public void AFixedSideIsKeptInsideTheFrame()
    {
        var frames = new[] { new FrameRef(0, "unused.mrc", 0) };
        var particle = new ParticleObservation
        {
            Frame = 0, Label = 1, AreaPx = 100, AreaNm2 = 1, EquivalentDiameterNm = 1, EquivalentDiameterPx = 11, CentroidXPx = 3, CentroidYPx = 250,
            Box = new PixelBox(0, 245, 8, 255), MeanProbability = 1, TouchesEdge = true, Pairs = 3, Ratio = 1.5, SpacingsAngstrom = [], DirectionsDegrees = [],
            Zone = "", ZoneResidualPercent = double.NaN, Passes = true,
        };
        using var dir = new TempFolder();
        string file = dir["frame.mrc"];
        MrcFile.Write(file, new ImageStack(Size, Size, 1, voxelSize: VoxelSize.Isotropic(Px)));
        frames[0] = frames[0] with { File = file };
        var record = new FrameRecord { Frame = 0, File = file, FrameInFile = 0, Kept = true, Reason = "", MinRatio = 1.5, Particles = [particle] };
        var crop = Assert.Single(ParticleCrops.Plan(frames, [record], sizePx: 64));
        Assert.Equal((0, Size - 64, 64), (crop.X0Px, crop.Y0Px, crop.SizePx));
    }

    [Fact]
    public void ANetworkDetectorWarnsOnceAboutTheFramesPixelSize()
    {
        using var dir = new TempFolder();
        var (images, _) = ParticleTestSeries.Write(dir.Root);
        string model = dir["coarse.tkm"];
        ModelFile.Save(model, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3, Seed: 1)), input: ModelInput.FromPixelSizes([8 * Px]));
        var notices = new List<string>();
        var detector = new NetworkParticleDetector(ModelFile.Load(model), new SegmentationOptions(), "coarse.tkm");
        new ParticlesRun(dir["run"], detector, new ParticlesRunOptions { ReportFrames = 0 }) { Notice = notices.Add }.Run([images]);
        // The same words as `temkit segment`, once for the three frames.
        var warning = Assert.Single(notices);
        Assert.Contains("outside the model's training range", warning);
        Assert.Contains("resampled to 1.6 Å/px", warning);
    }
}
