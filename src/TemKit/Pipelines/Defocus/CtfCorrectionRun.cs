using TemKit.CtfCorrection;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;

namespace TemKit.Pipelines.Defocus;

/// <summary>One image of a <see cref="CtfCorrectionRun"/>: where it went, the measured mean defocus, or why it failed.</summary>
/// <param name="File">Input file (absolute).</param>
/// <param name="Output">Corrected image written (absolute), or null on failure.</param>
/// <param name="MeanDefocusAngstrom">Measured mean defocus used (Å), NaN on failure.</param>
/// <param name="Error">One-line reason of a failure, or null.</param>
public sealed record CorrectedImage(string File, string? Output, double MeanDefocusAngstrom, string? Error);

/// <summary>
/// Corrects images for the CTF a <c>temkit defocus</c> run measured for each (<see cref="MeasuredDefocus"/>,
/// <see cref="CtfCorrector"/>), writing OUT/NAME.mrc per input (first frame; float32, pixel size kept) atomically. An
/// image the run cannot serve, or that cannot be read, fails with one line; the others go on. Inputs are never
/// overwritten. The folder is marked as a ctf-correct run (<see cref="RunFolderKind"/>): a folder holding another job's
/// run is refused, and a later command given a folder above it does not read the corrected images as raw ones.
/// </summary>
/// <param name="Defocus">The measured CTFs.</param>
/// <param name="Options">The correction.</param>
/// <param name="OutputFolder">Where the corrected images go (created when needed).</param>
public sealed record CtfCorrectionRun(MeasuredDefocus Defocus, CtfCorrectionOptions Options, string OutputFolder)
{
    /// <summary>Corrects <paramref name="files"/> in order, reporting ("correcting", done, total).</summary>
    public IReadOnlyList<CorrectedImage> Run(IReadOnlyList<string> files, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        Options.Validate();
        string folder = Path.GetFullPath(OutputFolder);
        RunFolderKind.Claim(folder, "ctf-correct");
        var names = files.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated != null) throw new ArgumentException($"two inputs are called {repeated.Key}: their corrected images would collide in {folder}");
        var results = new List<CorrectedImage>(files.Count);
        progress?.Report(new JobProgress("correcting", 0, files.Count));
        foreach (string input in files)
        {
            string file = Path.GetFullPath(input);
            string output = Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".mrc");
            try
            {
                if (string.Equals(output, file, StringComparison.Ordinal)) throw new ArgumentException($"{file}: the corrected image would overwrite the input; give another output folder");
                using var source = ImageFile.Open(file);
                var image = source.ReadImage(0);
                var (corrected, defocus) = Defocus.Correct(image, file, Options, image.PixelSize);
                MrcFile.Write(output, corrected);
                results.Add(new CorrectedImage(file, output, defocus, null));
            }
            catch (Exception e) when (e is MeasuredDefocusException or TemKitFormatException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                results.Add(new CorrectedImage(file, null, double.NaN, e.Message.Contains(Path.GetFileName(file), StringComparison.Ordinal) ? e.Message : $"{file}: {e.Message}"));
            }
            progress?.Report(new JobProgress("correcting", results.Count, files.Count));
        }
        return results;
    }
}
