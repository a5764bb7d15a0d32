using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.IO.Tiff;

namespace TemKit.Cli.Commands.Files;

/// <summary>`temkit convert IN OUT`: DM3/DM4/MRC to MRC, or any readable image to a PNG preview.</summary>
internal sealed class ConvertCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Argument<string>("input") { Description = "Image file to read (MRC, DM3/DM4, TIFF, EMD, TIA .ser/.emi); --signal picks a signal of a multi-signal file." };
        var output = new Argument<string>("output") { Description = "File to write: .mrc (float32 unless --mode), .tif/.tiff (float32, or uint16 with --mode 6; ImageJ pixel size in nm) or .png (8-bit preview)." };
        var mode = new Option<int>("--mode") { Description = "Sample type to write: 2 (float32), 12 (float16, MRC only) or 6 (uint16).", DefaultValueFactory = _ => 2 }.Whole(0, 12, "(MRC mode)");
        var frame = new Option<int?>("--frame") { Description = "For PNG: which frame of a stack, counted from 0 (default: the average of all frames)." }.Whole(0, 1e9, "(frame index)");
        var scale = new Option<string>("--scale") { Description = "For PNG: display range as low,high percentiles.", DefaultValueFactory = _ => "0.5,99.5" };
        var log = new Option<bool>("--log") { Description = "For PNG: logarithmic display." };
        var round = new Option<bool>("--round") { Description = "For --mode 6: round to the nearest whole number (without it, a value that is not whole is refused)." };
        var permissive = new Option<bool>("--permissive") { Description = "Turn recoverable format problems into warnings." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing output file that is not an image of its extension's type." };
        var signal = new Option<int?>("--signal") { Description = "Signal of a multi-signal file to read (counted from 0, as `temkit info` lists them; default: the first image)." }.Whole(0, 1e6, "(signal index)");
        var command = new Command("convert", "Convert any image TemKit reads to MRC or TIFF, or to a PNG preview.") { input, output, mode, frame, scale, log, round, permissive, force, signal };
        command.SetAction(parse =>
        {
            string inPath = parse.GetValue(input)!, outPath = parse.GetValue(output)!;
            var options = new ReadOptions(parse.GetValue(permissive), Console2.Warn, parse.GetValue(signal));
            string ext = Path.GetExtension(outPath).ToLowerInvariant();
            OutputPaths.RequireNotAnInput(outPath, "output", inPath);
            OutputPaths.RequireWritable(outPath, "output");
            OutputPaths.RequireReplaceable(outPath, "output", parse.GetValue(force), OutputPaths.IsImageOfItsExtension, $"a {ext.TrimStart('.').ToUpperInvariant()} image");
            // An option for another output type would otherwise be ignored (--frame 2 to an MRC wrote every frame).
            bool Given(Option o) => parse.GetResult(o) is { Implicit: false };
            if (ext is ".mrc" or ".mrcs" or ".map" or ".tif" or ".tiff")
            {
                if (Given(frame)) throw new UsageException($"--frame {parse.GetValue(frame)}: applies to a PNG preview only; {Path.GetFileName(outPath)} would get every frame");
                if (Given(scale)) throw new UsageException($"--scale {parse.GetValue(scale)}: applies to a PNG preview only");
                if (parse.GetValue(log)) throw new UsageException("--log: applies to a PNG preview only");
            }
            if (ext == ".png" && Given(mode)) throw new UsageException($"--mode {parse.GetValue(mode)}: a PNG preview is always 8-bit; --mode is for .mrc and .tif");
            if (parse.GetValue(round) && parse.GetValue(mode) != 6) throw new UsageException("--round: applies to --mode 6 only");
            switch (ext)
            {
                case ".mrc" or ".mrcs" or ".map":
                    var writeMode = parse.GetValue(mode) switch
                    {
                        2 => MrcMode.Float32,
                        12 => MrcMode.Float16,
                        6 => MrcMode.UInt16,
                        int m => throw new UsageException($"--mode {m}: TemKit writes MRC modes 2, 12 and 6"),
                    };
                    using (var source = ImageFile.Open(inPath, options))
                    {
                        ComplexInput.Warn(inPath, source.Metadata, "the MRC written holds |z|");
                        if (source.Metadata.Fields.TryGetValue("axis.x.units", out string? units) && !source.VoxelSize.IsKnown && units.Length > 0)
                            Console2.Warn($"{Path.GetFileName(inPath)}: the calibration is in {units}, which an MRC pixel size (Å) cannot hold; the MRC has no pixel size");
                        try
                        {
                            // Frame by frame: memory stays at about one frame whatever the stack's size.
                            MrcFile.Write(outPath, source, new MrcWriteOptions { Mode = writeMode, RoundToIntegers = parse.GetValue(round) });
                        }
                        catch (ArgumentException e)
                        {
                            // The data do not fit the mode asked for (a fraction in mode 6, |v| > 65504 in mode 12); nothing was written.
                            string problem = ArgumentMessages.Plain(e).Replace("; MrcWriteOptions.RoundToIntegers rounds", "; --round rounds", StringComparison.Ordinal);
                            throw new UsageException($"--mode {parse.GetValue(mode)}: {Path.GetFileName(inPath)}: {problem}");
                        }
                        Console.WriteLine($"wrote {outPath} ({source.Width} x {source.Height} x {source.FrameCount}, mode {parse.GetValue(mode)}, voxel {source.VoxelSize})");
                    }
                    return ExitCodes.Ok;
                case ".tif" or ".tiff":
                    var sampleType = parse.GetValue(mode) switch
                    {
                        2 => TiffSampleType.Float32,
                        6 => TiffSampleType.UInt16,
                        int m => throw new UsageException($"--mode {m}: TemKit writes TIFF as mode 2 (float32) or 6 (uint16)"),
                    };
                    var tiffStack = ImageFile.Read(inPath, options);
                    ComplexInput.Warn(inPath, tiffStack.Metadata, "the TIFF written holds |z|");
                    try
                    {
                        TiffFile.Write(outPath, tiffStack, new TiffWriteOptions { SampleType = sampleType, RoundToIntegers = parse.GetValue(round) });
                    }
                    catch (ArgumentException e)
                    {
                        string problem = ArgumentMessages.Plain(e).Replace("; TiffWriteOptions.RoundToIntegers rounds", "; --round rounds", StringComparison.Ordinal);
                        throw new UsageException($"--mode {parse.GetValue(mode)}: {Path.GetFileName(inPath)}: {problem}");
                    }
                    Console.WriteLine($"wrote {outPath} ({tiffStack.Nx} x {tiffStack.Ny} x {tiffStack.Nz}, {(sampleType == TiffSampleType.Float32 ? "float32" : "uint16")}, pixel {tiffStack.VoxelSize})");
                    return ExitCodes.Ok;
                case ".png":
                    var display = ParseScale(parse.GetValue(scale)!, parse.GetValue(log));
                    using (var source = ImageFile.Open(inPath, options))
                    {
                        ComplexInput.Warn(inPath, source.Metadata, "the PNG shows |z|");
                        var image = FrameChoice.Read(source, parse.GetValue(frame), inPath);
                        PngWriter.WriteImage(outPath, image, display);
                        Console.WriteLine($"wrote {outPath} ({image.Width} x {image.Height}, 8-bit, percentiles {display.LowPercentile}-{display.HighPercentile}{(display.Log ? ", log" : "")})");
                    }
                    return ExitCodes.Ok;
                default:
                    throw new UsageException($"{outPath}: output must end in .mrc, .mrcs, .map, .tif, .tiff or .png");
            }
        });
        return command;
    }

    /// <summary>Parses "low,high" percentiles for --scale.</summary>
    internal static DisplayScale ParseScale(string text, bool log)
    {
        var parts = text.Split(',');
        if (parts.Length != 2
            || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double low)
            || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double high)
            || !(low >= 0) || !(high <= 100) || !(low < high))
            throw new UsageException($"--scale {text}: expected two percentiles low,high with 0 <= low < high <= 100, e.g. 0.5,99.5");
        return new DisplayScale(low, high, log);
    }
}
