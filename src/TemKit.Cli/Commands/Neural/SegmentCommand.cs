using System.CommandLine;
using TemKit.Numerics;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.Neural.Inference;
using TemKit.Neural.Models;
using TemKit.Neural.Training;

namespace TemKit.Cli.Commands.Neural;

/// <summary>`temkit segment`: probability maps, masks, overlays and areas from a trained model, for images of any size.</summary>
internal sealed class SegmentCommand : ICliCommand
{
    public Command Build()
    {
        var model = new Argument<string>("model") { Description = "Model file written by `temkit train` (.tkm)" };
        var inputs = new Argument<string[]>("images") { Description = "Images, stacks, folders or globs (MRC, DM3/DM4, PNG)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Run folder for the outputs and segmentation.csv", Required = true };
        var threshold = new Option<double>("--threshold") { Description = "Foreground probability at or above which a pixel is in the mask", DefaultValueFactory = _ => 0.9 }.Within(new Limits(0, 1, "(probability)", MinExclusive: true));
        var tile = new Option<int>("--tile") { Description = "Tile side for large images (px)", DefaultValueFactory = _ => 256 }.Whole(16, 65536, "px");
        var overlap = new Option<int>("--overlap") { Description = "Minimum overlap of neighbouring tiles (px), blended with Hamming weights", DefaultValueFactory = _ => 64 }.Whole(0, 65536, "px");
        var noPng = new Option<bool>("--no-png") { Description = "Do not write PNG overlays" };
        var cmd = new Command("segment", "Segment particles with a trained MSD-net/U-Net: probability map + mask (MRC), PNG overlay, RUN/segmentation.csv")
        {
            model, inputs, output, threshold, tile, overlap, noPng,
        };
        cmd.SetAction(parse =>
        {
            double thr = parse.GetValue(threshold);
            if (thr <= 0 || thr > 1) throw new UsageException($"--threshold {thr} must be in (0, 1]");
            string run = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var checkpoint = ModelFile.Load(parse.GetValue(model)!);
            TiledSegmenter segmenter;
            try
            {
                segmenter = new TiledSegmenter(checkpoint.Network, new TilingParameters(parse.GetValue(tile), parse.GetValue(overlap)));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e is ArgumentException a ? ArgumentMessages.Plain(a) : e.Message);
            }
            var files = InputFiles.Expand(parse.GetValue(inputs)!, SegmentationDataset.Extensions);
            Directory.CreateDirectory(run);
            var rows = new List<IReadOnlyList<string>>();
            int failed = 0;
            bool png = !parse.GetValue(noPng);
            Console2.WithProgress("segmenting", files.Count, advance =>
            {
                foreach (string file in files)
                {
                    try
                    {
                        rows.AddRange(SegmentFile(file, segmenter, (float)thr, run, png));
                    }
                    catch (Exception e) when (e is TemKitFormatException or IOException or UnauthorizedAccessException or ArgumentException)
                    {
                        Console2.Error(e is TemKitFormatException ? e.Message : $"{Path.GetFileName(file)}: {e.Message}");
                        failed++;
                    }
                    advance();
                }
            });
            CsvFiles.WriteTable(Path.Combine(run, "segmentation.csv"), ["file", "area_px", "area_nm2", "mean_probability"], rows);
            Console.Error.WriteLine($"{rows.Count} image(s) segmented into {run}" + (failed > 0 ? $", {failed} file(s) failed" : ""));
            return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return cmd;
    }

    private static IEnumerable<IReadOnlyList<string>> SegmentFile(string file, TiledSegmenter segmenter, float threshold, string run, bool png)
    {
        var rows = new List<IReadOnlyList<string>>();
        string stem = Path.GetFileNameWithoutExtension(file);
        if (Path.GetExtension(file).Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            rows.Add(SegmentImage(PngReader.ReadImage(file), Path.GetFileName(file), stem, segmenter, threshold, run, png));
            return rows;
        }
        using var source = ImageFile.Open(file);
        for (int z = 0; z < source.FrameCount; z++)
        {
            var image = source.ReadImage(z);
            string name = source.FrameCount == 1 ? Path.GetFileName(file) : $"{Path.GetFileName(file)}[{z}]";
            rows.Add(SegmentImage(image, name, source.FrameCount == 1 ? stem : $"{stem}_{z:D4}", segmenter, threshold, run, png));
        }
        return rows;
    }

    /// <summary>
    /// Segments one image; writes STEM.probability.mrc, STEM.mask.mrc and STEM.overlay.png; returns its CSV row.
    /// Large images are handled in place (the probability plane becomes the mask) with collections between stages so the
    /// footprint stays near four bytes per pixel per plane in use, however large the image.
    /// </summary>
    private static IReadOnlyList<string> SegmentImage(Image2D image, string name, string stem, TiledSegmenter segmenter, float threshold, string run, bool png)
    {
        int w = image.Width, h = image.Height, plane = w * h, planes = segmenter.OutputPlanes;
        var voxel = image.PixelSize;
        double pxX = image.PixelSize.XAngstrom, pxY = image.PixelSize.YAngstrom > 0 ? image.PixelSize.YAngstrom : pxX;
        byte[]? gray = png ? TemKit.Imaging.Display.DisplayScaling.ToGray8(image.Pixels) : null;
        SegmentationSample.Normalise(image.Pixels);
        var prob = new float[planes * plane];
        segmenter.Predict(image.Pixels, w, h, prob);
        image = null!;
        bool huge = plane >= 1 << 22;
        if (huge) GC.Collect();
        // Foreground probability: the sigmoid output, or 1 − p(background) for several classes.
        var fg = prob;
        if (planes > 1)
        {
            fg = new float[plane];
            for (int i = 0; i < plane; i++) fg[i] = 1 - prob[i];
            prob = null!;
        }
        MrcFile.Write(Path.Combine(run, stem + ".probability.mrc"), new ImageStack(w, h, 1, fg, StackKind.Image, voxel));
        long area = 0;
        double probSum = 0;
        for (int i = 0; i < plane; i++)
        {
            if (fg[i] < threshold) continue;
            area++;
            probSum += fg[i];
        }
        if (gray != null)
        {
            // Overlay: the image in grey with the mask tinted orange at 45 % opacity.
            var rgb = new byte[3 * plane];
            for (int i = 0; i < plane; i++)
            {
                byte g = gray[i];
                bool m = fg[i] >= threshold;
                rgb[3 * i] = m ? (byte)(0.55 * g + 0.45 * 255) : g;
                rgb[3 * i + 1] = m ? (byte)(0.55 * g + 0.45 * 140) : g;
                rgb[3 * i + 2] = m ? (byte)(0.55 * g) : g;
            }
            gray = null;
            PngWriter.WriteRgb8(Path.Combine(run, stem + ".overlay.png"), rgb, w, h);
            rgb = null;
            if (huge) GC.Collect();
        }
        for (int i = 0; i < plane; i++) fg[i] = fg[i] >= threshold ? 1f : 0f;
        MrcFile.Write(Path.Combine(run, stem + ".mask.mrc"), new ImageStack(w, h, 1, fg, StackKind.Image, voxel));
        string areaNm2 = pxX > 0 ? (area * (pxX / 10) * (pxY / 10)).ToString("G6", CultureInfo.InvariantCulture) : "";
        string meanP = area > 0 ? (probSum / area).ToString("F4", CultureInfo.InvariantCulture) : "";
        return [name, area.ToString(CultureInfo.InvariantCulture), areaNm2, meanP];
    }
}
