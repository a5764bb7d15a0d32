using TemKit.Detector;
using TemKit.IO;
using TemKit.IO.Csv;

namespace TemKit.Pipelines.Detector;

/// <summary>
/// The detector workflow of SOI 3.2 and A.3 over files: every frame's MTF fit (Eq. 4) into RUN/mtf.csv with a plot
/// per frame, then for a dose series the readout noise N0 (Eq. 2) into RUN/readout.csv with the series plots. A bad
/// file or frame becomes an error row; the batch goes on.
/// </summary>
public sealed class MtfRun
{
    /// <summary>Creates a run writing into <paramref name="folder"/> (created if missing).</summary>
    public MtfRun(string folder, MtfRunOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(options);
        Folder = folder;
        Options = options;
    }

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    /// <summary>The run's settings.</summary>
    public MtfRunOptions Options { get; }

    /// <summary>FFT backend of the spectra; null: <see cref="TemKit.Fourier.Fft.Default"/>.</summary>
    public TemKit.Fourier.IFftProvider? FftProvider { get; init; }

    /// <summary>Frames done per file (stage = file name, total = its frame count).</summary>
    public IProgress<JobProgress>? Progress { get; init; }

    /// <summary>Called with one line per file or frame that failed or was flagged ("file frame z: reason").</summary>
    public Action<string>? Problem { get; init; }

    /// <summary>Analyses every frame of <paramref name="files"/> and writes RUN/mtf.csv (and the frame plots).</summary>
    public MtfRunResult Run(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(Folder);
        var results = new List<MtfFrameResult>();
        foreach (string file in files) AnalyseFile(file, results);
        string path = Path.Combine(Folder, "mtf.csv");
        CsvFiles.Write(path, results.Select(r => r.Row));
        if (Options.Plots) MtfPlots.WriteFramePlots(Folder, results);
        return new MtfRunResult(results, path);
    }

    /// <summary>
    /// Fits N0 (Eq. 2) over the frames of <paramref name="run"/> that passed, converting power-spectrum floors
    /// (<see cref="ReadoutNoiseFit.Fit(IEnumerable{FrameAnalysis})"/>), and writes RUN/readout.csv and the series plots.
    /// Throws <see cref="ArgumentException"/> when fewer than two frames passed.
    /// </summary>
    public MtfSeriesResult FitSeries(MtfRunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var readout = ReadoutNoiseFit.Fit(run.Frames.Where(r => r.Analysis is not null).Select(r => r.Analysis!));
        string path = Path.Combine(Folder, "readout.csv");
        CsvFiles.Write(path, [new ReadoutRow { N0 = readout.ReadoutNoiseElectronsPerPixel, R2 = readout.RSquared, Frames = readout.Frames }]);
        if (Options.Plots) MtfPlots.WriteSeriesPlots(Folder, run.Frames, readout);
        return new MtfSeriesResult(readout, path);
    }

    private void AnalyseFile(string file, List<MtfFrameResult> results)
    {
        try
        {
            using var source = ImageFile.Open(file);
            double s = Options.PixelSizeAngstrom ?? source.VoxelSize.XAngstrom;
            var buffer = new float[source.Width * source.Height];
            string stage = Path.GetFileName(file);
            for (int z = 0; z < source.FrameCount; z++)
            {
                source.ReadFrame(z, buffer);
                results.Add(AnalyseFrame(file, z, buffer, source.Width, source.Height, s));
                Progress?.Report(new JobProgress(stage, z + 1, source.FrameCount));
            }
        }
        catch (Exception e) when (e is TemKitFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            string problem = e is TemKitFormatException f ? f.Problem : e.Message;
            Problem?.Invoke($"{file}: {problem}");
            results.Add(new MtfFrameResult(new MtfRow { File = file, Status = "error", Error = problem }, null));
        }
    }

    private MtfFrameResult AnalyseFrame(string file, int z, float[] pixels, int w, int h, double s)
    {
        double? given;
        try
        {
            given = Options.Doses?.DoseElectronsPerPixel(file, z, s);
        }
        catch (InvalidDataException e)
        {
            Problem?.Invoke($"{file} frame {z}: {e.Message}");
            return new MtfFrameResult(new MtfRow { File = file, Frame = z, Status = "error", Error = e.Message }, null);
        }
        FrameAnalysis analysis;
        try
        {
            analysis = MtfAnalysis.Analyse(pixels, w, h, Options.Analysis with { DoseElectronsPerPixel = given }, FftProvider);
        }
        catch (ArgumentException e)
        {
            // A frame the analysis cannot take (e.g. smaller than the 8x8 px minimum) fails alone; the batch goes on.
            string problem = JobErrors.Plain(e);
            Problem?.Invoke($"{file} frame {z}: {problem}");
            return new MtfFrameResult(new MtfRow { File = file, Frame = z, Status = "error", Error = problem }, null);
        }
        if (analysis.Status != FrameStatus.Ok) Problem?.Invoke($"{file} frame {z}: {analysis.Message}");
        var fit = analysis.Fit;
        double dose = analysis.DoseElectronsPerPixel;
        var row = new MtfRow
        {
            File = file,
            Frame = z,
            DoseElectronsPerPixel = double.IsFinite(dose) ? dose : null,
            DoseElectronsPerAngstrom2 = double.IsFinite(dose) && s > 0 ? dose / (s * s) : null,
            C0 = fit?.C0, C1 = fit?.C1, C2 = fit?.C2, C3 = fit?.C3, C = fit?.C, R2 = fit?.RSquared,
            Spectrum = Options.Analysis.Spectrum.ToString().ToLowerInvariant(),
            Tiles = analysis.Tiles.Count > 0 ? analysis.Tiles.Count : null,
            Status = analysis.Status.ToString().ToLowerInvariant(),
            Error = analysis.Message ?? "",
        };
        return new MtfFrameResult(row, analysis);
    }
}
