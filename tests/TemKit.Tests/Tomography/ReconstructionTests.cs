using TemKit.Imaging;
using TemKit.IO;
using TemKit.Tomography;
using TemKit.Tomography.Phantoms;
using TemKit.Tomography.Quality;
using TemKit.Tomography.Reconstruction;
using Xunit;

namespace TemKit.Tests.Tomography;

public class ReconstructionTests
{
    private static double[] Range(double from, double to, double step) =>
        Enumerable.Range(0, (int)Math.Round((to - from) / step) + 1).Select(i => from + i * step).ToArray();

    /// <summary>Exact projections of blobs (TiltGeometry, analytic) as a stack.</summary>
    private static ImageStack Series(GaussianBlob[] blobs, int size, double[] tilts)
    {
        var frames = GaussianBlobs.Project(blobs, size, size, tilts);
        return new ImageStack(size, size, tilts.Length, frames.SelectMany(f => f).ToArray());
    }

    private static (int X, int Y, int Z) ArgMax(ImageStack v)
    {
        int best = 0;
        for (int i = 1; i < v.Array.Length; i++) if (v.Array[i] > v.Array[best]) best = i;
        return (best % v.Nx, best / v.Nx % v.Ny, best / (v.Nx * v.Ny));
    }

    [Theory]
    [InlineData(ReconstructionMethod.Wbp)]
    [InlineData(ReconstructionMethod.Sirt)]
    [InlineData(ReconstructionMethod.Sart)]
    public void AnAsymmetricSeriesReconstructsUprightAndNotMirrored(ReconstructionMethod method)
    {
        // One strong blob off-centre in x, y and z: a mirror in x or z or a flip in y would move its peak.
        const int N = 48;
        var blobs = new[] { new GaussianBlob(9, -6, 7, 2.0, 1.0), new GaussianBlob(-8, 5, -4, 1.5, 0.4) };
        var series = Series(blobs, N, Range(-60, 60, 3));
        var options = new ReconstructionOptions { Method = method, Iterations = 20, NonNegative = method != ReconstructionMethod.Wbp };
        var volume = TomogramReconstruction.Reconstruct(series, Range(-60, 60, 3), options).Volume!;
        var (x, y, z) = ArgMax(volume);
        double c = (N - 1) / 2.0;
        Assert.InRange(x - c, 9 - 1, 9 + 1);
        Assert.InRange(y - c, -6 - 1, -6 + 1);
        Assert.InRange(z - c, 7 - 1.5, 7 + 1.5);
    }

    [Fact]
    public void WbpOfAFullSeriesMatchesTheTruth()
    {
        const int N = 40;
        var blobs = GaussianBlobs.Random(6, 22, 22, seed: 4);
        var tilts = Range(-90, 89, 1);
        var result = TomogramReconstruction.Reconstruct(Series(blobs, N, tilts), tilts, new ReconstructionOptions());
        var truth = GaussianBlobs.Render(blobs, N, N, N);
        double psnr = ImageQuality.Psnr(result.Volume!.Array, truth);
        Assert.True(psnr > 32, $"WBP PSNR {psnr:F1} dB");
    }

    [Fact]
    public void SirtResidualFallsAndBeatsWbpOnALimitedRange()
    {
        const int N = 40;
        var blobs = GaussianBlobs.Random(6, 22, 16, seed: 5);
        var tilts = Range(-60, 60, 4);
        var series = Series(blobs, N, tilts);
        var truth = GaussianBlobs.Render(blobs, N, N, N);
        var wbp = TomogramReconstruction.Reconstruct(series, tilts, new ReconstructionOptions()).Volume!;
        var sirt = TomogramReconstruction.Reconstruct(series, tilts, new ReconstructionOptions { Method = ReconstructionMethod.Sirt, Iterations = 60, NonNegative = true }).Volume!;
        double pw = ImageQuality.Psnr(wbp.Array, truth), ps = ImageQuality.Psnr(sirt.Array, truth);
        Assert.True(ps > pw, $"SIRT {ps:F1} dB vs WBP {pw:F1} dB");
    }

    [Fact]
    public void StoppingRuleEndsEarly()
    {
        const int N = 32;
        var blobs = GaussianBlobs.Random(4, 16, 16, seed: 6);
        var tilts = Range(-60, 60, 5);
        var options = new ReconstructionOptions { Method = ReconstructionMethod.Sirt, Iterations = 500, StopRelativeChange = 0.01 };
        var result = TomogramReconstruction.Reconstruct(Series(blobs, N, tilts), tilts, options);
        Assert.InRange(result.Iterations, 2, 499);
    }

    [Fact]
    public void MaskOfTheWrongSizeIsRefusedWithOneLine()
    {
        var mask = new ImageStack(10, 9, 1);
        var e = Assert.Throws<TemKitFormatException>(() => ReconstructionMask.From(mask, 10, 12, 8, "m.mrc"));
        Assert.Contains("mask is 10x9x1 but the reconstruction needs a 10x8 slice mask", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void VolumeStreamedToMrcEqualsTheInMemoryVolume()
    {
        const int N = 24;
        var blobs = GaussianBlobs.Random(3, 12, 12, seed: 8);
        var tilts = Range(-60, 60, 6);
        var series = Series(blobs, N, tilts);
        string dir = Directory.CreateTempSubdirectory("tomo").FullName;
        try
        {
            string stack = Path.Combine(dir, "s.mrc"), rec = Path.Combine(dir, "r.mrc");
            TemKit.IO.Mrc.MrcFile.Write(stack, series);
            var options = new ReconstructionOptions { ThicknessPx = 14 };
            TomogramReconstruction.Run(stack, rec, tilts, options);
            var fromFile = TemKit.IO.Mrc.MrcFile.Read(rec);
            var inMemory = TomogramReconstruction.Reconstruct(series, tilts, options).Volume!;
            Assert.Equal((N, N, 14), (fromFile.Nx, fromFile.Ny, fromFile.Nz));
            Assert.Equal(inMemory.Array, fromFile.Array);
        }
        finally { Directory.Delete(dir, true); }
    }
}
