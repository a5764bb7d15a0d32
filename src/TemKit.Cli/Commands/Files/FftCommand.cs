using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Png;

namespace TemKit.Cli.Commands.Files;

/// <summary>`temkit fft FILE -o ps.png [--log]`: the centred power spectrum of an image as a PNG.</summary>
internal sealed class FftCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("file") { Description = "Image file (MRC, DM3/DM4); stacks are averaged unless --frame." };
        var output = new Option<string>("--output", "-o") { Description = "PNG file to write.", Required = true };
        var log = new Option<bool>("--log") { Description = "Logarithmic display (recommended for Thon rings)." };
        var frame = new Option<int?>("--frame") { Description = "Which frame of a stack (default: average of all frames)." };
        var scale = new Option<string>("--scale") { Description = "Display range as low,high percentiles.", DefaultValueFactory = _ => "0.5,99.9" };
        var mrc = new Option<string?>("--mrc") { Description = "Also write the centred power spectrum |F|² as float32 MRC." };
        var command = new Command("fft", "Write the centred power spectrum (|F|², DC at the centre) of an image as a PNG.") { input, output, log, frame, scale, mrc };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(input)!;
            var display = ConvertCommand.ParseScale(parse.GetValue(scale)!, parse.GetValue(log));
            Image2D image;
            using (var source = ImageFile.Open(path))
                image = parse.GetValue(frame) is { } z ? source.ReadImage(z) : source.ReadAverage();
            var power = CentredPowerSpectrum(image);
            PngWriter.WriteImage(parse.GetValue(output)!, power, display);
            if (parse.GetValue(mrc) is { } mrcPath) IO.Mrc.MrcFile.Write(mrcPath, power);
            Console.WriteLine($"wrote {parse.GetValue(output)} ({image.Width} x {image.Height} power spectrum, FFT backend {Fft.Default.Name}; " +
                              (image.PixelSizeAngstrom > 0 ? $"Nyquist at the edge = {1 / (2 * image.PixelSizeAngstrom):G4} 1/Å)" : "pixel size unknown)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>|F|² of the mean-subtracted image with DC at (nx/2, ny/2); the DC pixel is set to its neighbours' mean.</summary>
    internal static Image2D CentredPowerSpectrum(Image2D image)
    {
        int nx = image.Width, ny = image.Height;
        var centred = image.Pixels.ToArray();
        float mean = System.Numerics.Tensors.TensorPrimitives.Sum<float>(centred) / centred.Length;
        System.Numerics.Tensors.TensorPrimitives.Subtract(centred, mean, centred);
        var half = new ComplexF[ny * (nx / 2 + 1)];
        Fft.Default.ForwardReal(centred, half, nx, ny);
        var power = new Image2D(nx, ny, image.PixelSize);
        PowerSpectra.HalfToCentredFull(half, nx, ny, power.Pixels);
        int cx = nx / 2, cy = ny / 2;
        float sum = 0; int count = 0;
        foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
            if (cx + dx < nx && cy + dy < ny && cx + dx >= 0 && cy + dy >= 0) { sum += power[cx + dx, cy + dy]; count++; }
        power[cx, cy] = count > 0 ? sum / count : 0;
        return power;
    }
}
