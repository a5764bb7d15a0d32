using System.Buffers.Binary;
using System.Text;
using TemKit.IO;
using TemKit.Neural.Models;

namespace TemKit.Tests.Neural;

/// <summary>Model format version 2: the training pixel size and input normalisation (issue 12, finding 4).</summary>
public class ModelInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tkm2").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Rewrites a model file's JSON header with <paramref name="edit"/>, fixing the header length field.</summary>
    internal static void EditHeader(string path, Func<string, string> edit)
    {
        var bytes = File.ReadAllBytes(path);
        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        string header = edit(Encoding.UTF8.GetString(bytes, 12, length));
        var newHeader = Encoding.UTF8.GetBytes(header);
        var output = new byte[12 + newHeader.Length + bytes.Length - 12 - length];
        bytes.AsSpan(0, 8).CopyTo(output);
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(8), (uint)newHeader.Length);
        newHeader.CopyTo(output, 12);
        bytes.AsSpan(12 + length).CopyTo(output.AsSpan(12 + newHeader.Length));
        File.WriteAllBytes(path, output);
    }

    [Fact]
    public void TrainingPixelSizeRoundTrips()
    {
        string path = Path.Combine(_dir, "m.tkm");
        var input = ModelInput.FromPixelSizes([0.14, 0.16, 0.15, 0, double.NaN]);
        Assert.Equal(0.15, input.PixelSizeAngstrom!.Value, 12);
        Assert.Equal((0.14, 0.16), (input.MinPixelSizeAngstrom!.Value, input.MaxPixelSizeAngstrom!.Value));
        ModelFile.Save(path, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3)), input: input);
        var back = ModelFile.Load(path);
        Assert.Equal(input, back.Input);
        Assert.Equal(ModelFile.Version, back.FormatVersion);
        string header = File.ReadAllText(path);
        Assert.Contains("\"normalisation\": \"per_image_mean_std\"", header);
        Assert.Contains("\"pixel_size_angstrom\": 0.15", header);
    }

    [Fact]
    public void UnknownPixelSizeIsWrittenAsNull()
    {
        string path = Path.Combine(_dir, "u.tkm");
        ModelFile.Save(path, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3)));
        Assert.Contains("\"pixel_size_angstrom\": null", File.ReadAllText(path));
        Assert.False(ModelFile.Load(path).Input.HasPixelSize);
    }

    [Fact]
    public void Version1FilesStillLoadWithAnUnknownPixelSize()
    {
        // A version 1 header as TemKit wrote it before: an input_normalisation string, no "input" object.
        string path = Path.Combine(_dir, "v1.tkm");
        var net = new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3, Seed: 4));
        ModelFile.Save(path, net, input: ModelInput.FromPixelSizes([0.15]));
        EditHeader(path, h =>
        {
            int start = h.IndexOf("\"input\": {", StringComparison.Ordinal), end = h.IndexOf('}', start);
            return h.Remove(start, end - start + 1).Insert(start, "\"input_normalisation\": \"per-image mean 0, standard deviation 1\"")
                .Replace($"\"version\": {ModelFile.Version}", "\"version\": 1");
        });
        var back = ModelFile.Load(path);
        Assert.Equal(1, back.FormatVersion);
        Assert.Equal(ModelInput.Unknown, back.Input);
        Assert.Equal(net.OutputWeight.Value, ((MsdNet)back.Network).OutputWeight.Value);
    }

    [Fact]
    public void BadInputFieldsNameTheProblem()
    {
        string path = Path.Combine(_dir, "bad.tkm");
        ModelFile.Save(path, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3)), input: ModelInput.FromPixelSizes([0.15]));
        EditHeader(path, h => h.Replace("per_image_mean_std", "min_max"));
        Assert.Equal("bad.tkm: header field 'input.normalisation' is 'min_max'; this TemKit knows per_image_mean_std and per_channel",
            Assert.Throws<TemKitFormatException>(() => ModelFile.Load(path)).Message);
        ModelFile.Save(path, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3)), input: ModelInput.FromPixelSizes([0.15]));
        EditHeader(path, h => h.Replace("\"pixel_size_angstrom\": 0.15", "\"pixel_size_angstrom\": -1"));
        Assert.Contains("'input.pixel_size_angstrom' is -1", Assert.Throws<TemKitFormatException>(() => ModelFile.Load(path)).Message);
        ModelFile.Save(path, new MsdNet(new MsdNetParameters(Depth: 2, KernelSize: 3)), input: ModelInput.FromPixelSizes([0.15]));
        EditHeader(path, h => h.Replace($"\"version\": {ModelFile.Version}", "\"version\": 99"));
        Assert.Contains($"'version' is 99; this TemKit reads versions 1-{ModelFile.Version}", Assert.Throws<TemKitFormatException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void DatasetPixelSizesComeFromParamsCsvPerFrame()
    {
        var images = new TemKit.Imaging.ImageStack(8, 8, 2, voxelSize: TemKit.Imaging.VoxelSize.Isotropic(0.15));
        var masks = new TemKit.Imaging.ImageStack(8, 8, 2);
        images.Data[3] = 1;
        images.Data[64 + 5] = 1;
        string dir = Directory.CreateDirectory(Path.Combine(_dir, "ds")).FullName;
        TemKit.IO.Mrc.MrcFile.Write(Path.Combine(dir, "images.mrc"), images);
        TemKit.IO.Mrc.MrcFile.Write(Path.Combine(dir, "masks.mrc"), masks);
        // Without params.csv: the header's (mean) pixel size.
        var samples = TemKit.Neural.Training.SegmentationDataset.Load(Path.Combine(dir, "images.mrc"), Path.Combine(dir, "masks.mrc"), 1);
        Assert.All(samples, s => Assert.Equal(0.15, s.PixelSizeAngstrom, 6));
        File.WriteAllText(Path.Combine(dir, "params.csv"), "frame,pixel_size_angstrom\n0,0.14\n1,0.16\n");
        samples = TemKit.Neural.Training.SegmentationDataset.Load(Path.Combine(dir, "images.mrc"), Path.Combine(dir, "masks.mrc"), 1);
        Assert.Equal([0.14, 0.16], samples.Select(s => s.PixelSizeAngstrom));
        var input = ModelInput.FromPixelSizes(samples.Select(s => s.PixelSizeAngstrom));
        Assert.Equal("0.15 Å/px (trained on 0.14-0.16)", input.DescribePixelSize());
        File.WriteAllText(Path.Combine(dir, "params.csv"), "frame,pixel_size_angstrom\n0,0.14\n");
        Assert.Contains("1 rows for the 2 frames", Assert.Throws<TemKitFormatException>(() =>
            TemKit.Neural.Training.SegmentationDataset.Load(Path.Combine(dir, "images.mrc"), Path.Combine(dir, "masks.mrc"), 1)).Message);
    }
}
