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
        var input = new Argument<string>("file") { Description = "Image file (MRC, DM3/DM4, TIFF, EMD, TIA .ser/.emi); stacks are averaged unless --frame." };
        var output = new Option<string>("--output", "-o") { Description = "PNG file to write.", Required = true };
        var log = new Option<bool>("--log") { Description = "Logarithmic display (recommended for Thon rings)." };
        var frame = new Option<int?>("--frame") { Description = "Which frame of a stack, counted from 0 (default: average of all frames)." }.Whole(0, 1e9, "(frame index)");
        var scale = new Option<string>("--scale") { Description = "Display range as low,high percentiles.", DefaultValueFactory = _ => "0.5,99.9" };
        var mrc = new Option<string?>("--mrc") { Description = "Also write the centred power spectrum |F|² as float32 MRC (DC at nx/2, ny/2; header voxel size = the image's pixel size in Å, frequency step 1/(n·pixel) 1/Å)." };
        var full = new Option<bool>("--full") { Description = "Transform a non-square image whole; its spectrum then has different frequency steps in x and y, so round Thon rings look elliptical (like astigmatism). Default: the centred square of side min(nx, ny)." };
        var force = new Option<bool>("--force") { Description = "Overwrite existing output files that are not PNG/MRC images." };
        var command = new Command("fft", "Write the centred power spectrum (|F|², DC at the centre) of an image as a PNG.") { input, output, log, frame, scale, mrc, full, force };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(input)!;
            var display = ConvertCommand.ParseScale(parse.GetValue(scale)!, parse.GetValue(log));
            OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".png");
            OutputPaths.RequireNotAnInput(parse.GetValue(output)!, "--output", path);
            OutputPaths.RequireWritable(parse.GetValue(output)!, "--output");
            OutputPaths.RequireReplaceable(parse.GetValue(output)!, "--output", parse.GetValue(force), OutputPaths.IsImageOfItsExtension, "a PNG image");
            if (parse.GetValue(mrc) is { } mrcOut)
            {
                OutputPaths.RequireExtension(mrcOut, "--mrc", ".mrc", ".mrcs", ".map");
                OutputPaths.RequireNotAnInput(mrcOut, "--mrc", path);
                OutputPaths.RequireReplaceable(mrcOut, "--mrc", parse.GetValue(force), OutputPaths.IsImageOfItsExtension, "an MRC image");
            }
            Image2D image;
            using (var source = ImageFile.Open(path))
            {
                ComplexInput.Warn(path, source.Metadata, "the spectrum is that of |z|");
                image = FrameChoice.Read(source, parse.GetValue(frame), path);
            }
            string cropped = "";
            if (image.Width != image.Height && !parse.GetValue(full))
            {
                cropped = $"; the centred {Math.Min(image.Width, image.Height)} px square of the {image.Width} x {image.Height} image, so rings stay round (--full for all)";
                image = ImageOperations.CentredSquare(image);
            }
            if (ImageOperations.ReplaceNonFinite(image) is var bad and > 0)
                Console2.Warn($"{Path.GetFileName(path)}: {bad} NaN/Inf pixel(s) set to the mean of the finite pixels before the FFT");
            var power = ImageSpectra.CentredPowerSpectrum(image);
            PngWriter.WriteImage(parse.GetValue(output)!, power, display);
            if (parse.GetValue(mrc) is { } mrcPath) IO.Mrc.MrcFile.Write(mrcPath, power);
            Console.WriteLine($"wrote {parse.GetValue(output)} ({image.Width} x {image.Height} power spectrum, FFT backend {Fft.Default.Name}; " +
                              (image.PixelSizeAngstrom > 0 ? $"Nyquist at the edge = {1 / (2 * image.PixelSizeAngstrom):G4} 1/Å" : "pixel size unknown") + cropped + ")");
            return ExitCodes.Ok;
        });
        return command;
    }
}
