using System.Buffers.Binary;
using System.Text;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Neural.Models;
using TemKit.Neural.Training;

namespace TemKit.Tests.Neural;

/// <summary>Per-channel input normalisation recorded in the model file (issue 19: a constant defocus channel must not be standardised to 0).</summary>
public class InputChannelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tkm-ch").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MsdNet TwoChannelNet() => new(new MsdNetParameters(Depth: 2, KernelSize: 3, InputChannels: 2, Seed: 4));

    private static string Header(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        return Encoding.UTF8.GetString(bytes, 12, length);
    }

    private static void ReplaceInHeader(string path, string from, string to) => ModelInputTests.EditHeader(path, header =>
    {
        Assert.Contains(from, header);
        return header.Replace(from, to, StringComparison.Ordinal);
    });

    [Fact]
    public void ChannelListRoundTripsAndFilesWithoutOneStandardiseEveryChannel()
    {
        string path = Path.Combine(_dir, "c.tkm"), plain = Path.Combine(_dir, "p.tkm");
        var input = ModelInput.FromPixelSizes([4.0]) with { Channels = [InputChannel.Standardised, InputChannel.Defocus] };
        ModelFile.Save(path, TwoChannelNet(), input: input);
        var back = ModelFile.Load(path).Input;
        Assert.Equal([InputChannel.Standardised, new InputChannel(1e-4, "defocus_angstrom")], back.Channels!);
        Assert.Equal(["defocus_angstrom"], back.Quantities);
        Assert.Contains("\"per_channel\"", Header(path));

        // A model without a channel list is written exactly as before (per_image_mean_std, no "channels") and means
        // "standardise every channel".
        ModelFile.Save(plain, TwoChannelNet(), input: ModelInput.FromPixelSizes([4.0]));
        Assert.Contains("\"per_image_mean_std\"", Header(plain));
        Assert.DoesNotContain("\"channels\"", Header(plain));
        var old = ModelFile.Load(plain).Input;
        Assert.Null(old.Channels);
        Assert.True(old.Channel(1).IsStandardised);
        Assert.Empty(old.Quantities);
    }

    [Fact]
    public void ABadChannelListIsRefusedNamingTheField()
    {
        string path = Path.Combine(_dir, "c.tkm");
        var input = ModelInput.Unknown with { Channels = [InputChannel.Standardised, InputChannel.Defocus] };
        ModelFile.Save(path, TwoChannelNet(), input: input);
        ReplaceInHeader(path, "\"fixed_scale\"", "\"log_scale\"");
        var e = Assert.Throws<TemKitFormatException>(() => ModelFile.Load(path));
        Assert.Contains("input.channels[1].normalisation", e.Message);

        ModelFile.Save(path, TwoChannelNet(), input: input);
        ReplaceInHeader(path, "\"scale\": 0.0001", "\"scale\": 0");
        e = Assert.Throws<TemKitFormatException>(() => ModelFile.Load(path));
        Assert.Contains("input.channels[1]", e.Message);

        // Saving a list that does not match the network's input channels is refused.
        Assert.Throws<ArgumentException>(() => ModelFile.Save(path, TwoChannelNet(), input: ModelInput.Unknown with { Channels = [InputChannel.Standardised] }));
    }

    [Fact]
    public void LoadStandardisesImageChannelsAndScalesFixedOnes()
    {
        // Two frames per sample: a random image and a constant 20000 (a defocus in Å).
        string images = Path.Combine(_dir, "images.mrc"), masks = Path.Combine(_dir, "masks.mrc");
        var stack = new ImageStack(8, 8, 2, voxelSize: VoxelSize.Isotropic(4));
        var rng = new Random(2);
        for (int i = 0; i < 64; i++) stack.Data[i] = 100 + 10 * (float)rng.NextDouble();
        for (int i = 64; i < 128; i++) stack.Data[i] = 20000;
        MrcFile.Write(images, stack);
        MrcFile.Write(masks, new ImageStack(8, 8, 1));

        var sample = SegmentationDataset.Load(images, masks, 1, 2, channels: [InputChannel.Standardised, InputChannel.Defocus])[0];
        double mean = 0, square = 0;
        for (int i = 0; i < 64; i++)
        {
            mean += sample.Image[i] / 64.0;
            square += (double)sample.Image[i] * sample.Image[i] / 64.0;
        }
        Assert.Equal(0, mean, 5);
        Assert.Equal(1, Math.Sqrt(square - mean * mean), 4);
        Assert.All(sample.Image[64..], v => Assert.Equal(2f, v, 5));

        // Standardising the constant channel (every model before channel lists) gives zeros: why the list exists.
        var standardised = SegmentationDataset.Load(images, masks, 1, 2)[0];
        Assert.All(standardised.Image[64..], v => Assert.Equal(0f, v));
    }
}
