using System.Globalization;
using TemKit.CtfCorrection;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.Optics;

namespace TemKit.Pipelines.Defocus;

/// <summary>An image the defocus run cannot give a CTF for (not in the run, not fitted, another pixel size).</summary>
public sealed class MeasuredDefocusException(string message) : Exception(message);

/// <summary>
/// The per-image CTFs a <c>temkit defocus</c> run measured (RUN/results.csv via <see cref="ResultsTable"/>, the optics
/// from RUN/run.json via <see cref="RunFolder"/>), looked up by image path: the full path first, else the file name
/// when exactly one row has it (a run folder moved with its images).
/// </summary>
public sealed class MeasuredDefocus
{
    private readonly Dictionary<string, DefocusResult> _byPath;
    private readonly Dictionary<string, List<DefocusResult>> _byName;

    private MeasuredDefocus(string folder, ElectronOptics optics, IReadOnlyList<DefocusResult> rows)
    {
        Folder = folder;
        Optics = optics;
        _byPath = new Dictionary<string, DefocusResult>(StringComparer.Ordinal);
        _byName = new Dictionary<string, List<DefocusResult>>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            _byPath[r.File] = r;
            string name = Path.GetFileName(r.File);
            if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
            list.Add(r);
        }
    }

    /// <summary>The run folder (absolute).</summary>
    public string Folder { get; }

    /// <summary>Voltage, Cs and amplitude contrast the run fitted with.</summary>
    public ElectronOptics Optics { get; }

    /// <summary>Reads the run at <paramref name="runFolder"/>; throws <see cref="MeasuredDefocusException"/> with one line
    /// when it is not a finished defocus run, <see cref="TemKitFormatException"/> when its results are damaged.</summary>
    public static MeasuredDefocus Load(string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        var run = RunFolder.At(runFolder);
        if (!Directory.Exists(run.Root)) throw new MeasuredDefocusException($"defocus run {run.Root}: folder not found");
        if (!File.Exists(run.ResultsPath))
        {
            string why = Directory.Exists(Path.Combine(run.Root, "shards")) ? "a sharded run: merge it first (temkit defocus merge)" : "not a finished `temkit defocus` run";
            throw new MeasuredDefocusException($"defocus run {run.Root}: no results.csv ({why})");
        }
        var optics = run.LoadOptions()?.Optics ?? ElectronOptics.Default;
        return new MeasuredDefocus(run.Root, optics, ResultsTable.Read(run.ResultsPath));
    }

    /// <summary>The run's row for <paramref name="file"/>; throws <see cref="MeasuredDefocusException"/> when there is none
    /// or it was not fitted.</summary>
    public DefocusResult For(string file)
    {
        string full = Path.GetFullPath(file);
        if (!_byPath.TryGetValue(full, out var row))
        {
            if (!_byName.TryGetValue(Path.GetFileName(full), out var named) || named.Count != 1)
                throw new MeasuredDefocusException($"{full}: not in the defocus run {Path.Combine(Folder, "results.csv")} (run `temkit defocus` on it first)");
            row = named[0];
        }
        if (!row.IsOk)
            throw new MeasuredDefocusException($"{full}: the defocus run {Folder} has no CTF for it (status {row.Status}{(row.Error.Length > 0 ? ": " + row.Error : "")})");
        return row;
    }

    /// <summary>
    /// The measured CTF of <paramref name="file"/>, checking that <paramref name="pixelSize"/> (the image's, when known)
    /// matches the run's within <paramref name="relativeTolerance"/>; returns the pixel size (Å/px) the CTF holds for.
    /// </summary>
    public (CtfParameters Ctf, double PixelSizeAngstrom) CtfFor(string file, VoxelSize pixelSize, double relativeTolerance = 0.01)
    {
        var row = For(file);
        double runPx = row.PixelSizeAngstrom;
        double px = pixelSize.IsKnown ? pixelSize.XAngstrom : runPx;
        if (!(px > 0)) throw new MeasuredDefocusException($"{Path.GetFullPath(file)}: neither the image nor the defocus run gives a pixel size");
        if (runPx > 0 && Math.Abs(px - runPx) > relativeTolerance * runPx)
            throw new MeasuredDefocusException(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFullPath(file)}: pixel size {px:G5} Å/px differs from the {runPx:G5} Å/px the defocus run {Folder} measured its defocus at"));
        var aberration = new DefocusAberration(row.Defocus1Angstrom, row.Defocus2Angstrom, row.AstigmatismAngleDegrees);
        return (CtfParameters.From(Optics, aberration), px);
    }

    /// <summary>Applies <paramref name="options"/> to <paramref name="image"/> (from <paramref name="file"/>) with its
    /// measured CTF; returns the corrected copy and the measured mean defocus (Å).</summary>
    public (Image2D Image, double MeanDefocusAngstrom) Correct(Image2D image, string file, CtfCorrectionOptions options, VoxelSize pixelSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        var (ctf, px) = CtfFor(file, pixelSize);
        var copy = image.Clone();
        CtfCorrector.Correct(copy.Pixels, image.Width, image.Height, px, ctf, options);
        return (copy, ctf.MeanDefocusAngstrom);
    }
}
