using System.Text;
using PureHDF;
using TemKit.IO;
using TemKit.IO.Tiff;
using TemKit.Pipelines.Defocus;

namespace TemKit.Tests.Pipelines;

/// <summary>
/// `temkit defocus` on a folder of TIFF and Velox EMD micrographs works as on MRC: the same micrograph written as a
/// float32 TIFF (TemKit's writer, ImageJ calibration) and as a Velox-layout EMD (written here with PureHDF: /Data/Image/ID
/// holding Data (ny, nx, 1) and Metadata, the JSON bytes with the pixel size in metres) gives the MRC's defocus.
/// </summary>
[Collection("cli")]
public class DefocusFormatsTests(DefocusPipelineFixture fixture) : IClassFixture<DefocusPipelineFixture>
{
    [Fact]
    public void TiffAndVeloxEmdMicrographsGiveTheMrcDefocus()
    {
        string folder = Path.Combine(fixture.Root, "formats");
        Directory.CreateDirectory(folder);
        var stack = ImageFile.Read(fixture.Files[0]);
        double pixel = stack.VoxelSize.XAngstrom;
        string tif = Path.Combine(folder, "micrograph.tif"), emd = Path.Combine(folder, "micrograph.emd");
        TiffWriter.Write(tif, stack, new TiffWriteOptions());
        WriteVeloxEmd(emd, stack.Frame(0).ToArray(), stack.Nx, stack.Ny, pixel);

        var run = RunFolder.At(Path.Combine(fixture.Root, "formats-run"));
        var summary = new DefocusRun(run, fixture.Options, threads: 2).Run([tif, emd]);
        Assert.Equal(0, summary.Failed);
        var rows = ResultsTable.Read(run.ResultsPath);
        Assert.Equal([tif, emd], rows.Select(r => r.File));
        var mrc = ResultsTable.Read(fixture.Run.ResultsPath).Single(r => r.File == fixture.Files[0]);
        foreach (var row in rows)
        {
            Assert.Equal(DefocusResult.StatusOk, row.Status);
            Assert.Equal(pixel, row.PixelSizeAngstrom, 4);
            Assert.InRange(Math.Abs(row.MeanDefocusAngstrom / mrc.MeanDefocusAngstrom - 1), 0, 1e-4);
            Assert.InRange(Math.Abs(row.MeanDefocusAngstrom / fixture.Truths[0].MeanDefocusAngstrom - 1), 0, 0.02);
        }
    }

    private static void WriteVeloxEmd(string path, float[] pixels, int width, int height, double pixelAngstrom)
    {
        string json = FormattableString.Invariant(
            $"{{\"BinaryResult\": {{\"PixelSize\": {{\"width\": \"{pixelAngstrom * 1e-10:R}\", \"height\": \"{pixelAngstrom * 1e-10:R}\"}}, \"PixelUnitX\": \"m\", \"PixelUnitY\": \"m\", \"Detector\": \"BM-Ceta\"}}}}");
        var bytes = Encoding.UTF8.GetBytes(json);
        var metadata = new byte[4096];
        bytes.CopyTo(metadata, 0);
        var file = new H5File
        {
            ["Data"] = new H5Group
            {
                ["Image"] = new H5Group
                {
                    ["0123456789abcdef0123456789abcdef"] = new H5Group
                    {
                        ["Data"] = new H5Dataset(pixels, fileDims: [(ulong)height, (ulong)width, 1]),
                        ["Metadata"] = new H5Dataset(metadata, fileDims: [(ulong)metadata.Length, 1]),
                    },
                },
            },
        };
        file.Write(path);
    }
}
