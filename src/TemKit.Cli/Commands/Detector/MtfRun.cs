using TemKit.Cli.Infrastructure;
using TemKit.Detector;
using TemKit.IO;

namespace TemKit.Cli.Commands.Detector;

/// <summary>One analysed frame: its CSV row and, when fitted, the analysis behind it.</summary>
internal sealed record FrameResult(MtfRow Row, FrameAnalysis? Analysis);

/// <summary>Runs the per-frame MTF analysis over files and writes RUN/mtf.csv.</summary>
internal static class MtfRun
{
    public static List<FrameResult> AnalyseAll(IReadOnlyList<string> files, MtfAnalysisOptions options, DoseTable? doses, double? pixelSizeOverride)
    {
        var results = new List<FrameResult>();
        foreach (string file in files)
        {
            try
            {
                using var source = ImageFile.Open(file);
                double s = pixelSizeOverride ?? source.VoxelSize.XAngstrom;
                var buffer = new float[source.Width * source.Height];
                Console2.WithProgress(Path.GetFileName(file), source.FrameCount, advance =>
                {
                    for (int z = 0; z < source.FrameCount; z++)
                    {
                        source.ReadFrame(z, buffer);
                        results.Add(AnalyseFrame(file, z, buffer, source.Width, source.Height, s, options, doses));
                        advance();
                    }
                });
            }
            catch (Exception e) when (e is TemKitFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                string problem = e is TemKitFormatException f ? f.Problem : e.Message;
                Console2.Error($"{file}: {problem}");
                results.Add(new FrameResult(new MtfRow { File = file, Status = "error", Error = problem }, null));
            }
        }
        return results;
    }

    private static FrameResult AnalyseFrame(string file, int z, float[] pixels, int w, int h, double s, MtfAnalysisOptions options, DoseTable? doses)
    {
        double? given;
        try
        {
            given = doses?.DosePerPixel(file, z, s);
        }
        catch (InvalidDataException e)
        {
            Console2.Error($"{file} frame {z}: {e.Message}");
            return new FrameResult(new MtfRow { File = file, Frame = z, Status = "error", Error = e.Message }, null);
        }
        FrameAnalysis analysis;
        try
        {
            analysis = MtfAnalysis.Analyse(pixels, w, h, options with { DoseElectronsPerPixel = given });
        }
        catch (ArgumentException e)
        {
            // A frame the analysis cannot take (e.g. smaller than the 8x8 px minimum) fails alone; the batch goes on.
            string problem = ArgumentMessages.Plain(e);
            Console2.Error($"{file} frame {z}: {problem}");
            return new FrameResult(new MtfRow { File = file, Frame = z, Status = "error", Error = problem }, null);
        }
        if (analysis.Status != FrameStatus.Ok) Console2.Error($"{file} frame {z}: {analysis.Message}");
        var fit = analysis.Fit;
        double dose = analysis.DoseElectronsPerPixel;
        var row = new MtfRow
        {
            File = file,
            Frame = z,
            DosePerPixel = double.IsFinite(dose) ? dose : null,
            DosePerA2 = double.IsFinite(dose) && s > 0 ? dose / (s * s) : null,
            C0 = fit?.C0, C1 = fit?.C1, C2 = fit?.C2, C3 = fit?.C3, C = fit?.C, R2 = fit?.RSquared,
            Spectrum = options.Spectrum.ToString().ToLowerInvariant(),
            Tiles = analysis.Tiles.Count > 0 ? analysis.Tiles.Count : null,
            Status = analysis.Status.ToString().ToLowerInvariant(),
            Error = analysis.Message ?? "",
        };
        return new FrameResult(row, analysis);
    }
}
