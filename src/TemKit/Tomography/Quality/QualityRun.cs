using System.Globalization;
using TemKit.Imaging;
using TemKit.Tomography.Projection;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Tomography.Quality;

/// <summary>Quality figures of a reconstruction.</summary>
/// <param name="Volume">Reconstruction from all tilts.</param>
/// <param name="Fsc">FSC between the reconstructions from the even-indexed and the odd-indexed tilts.</param>
/// <param name="FscCrossingCyclesPerPixel">Where the FSC falls below 0.143 (cycles/pixel).</param>
/// <param name="HeldBackPsnrDb">PSNR of the even-half reconstruction reprojected at the odd tilts against those (held-back) frames (dB).</param>
/// <param name="TruthPsnrDb">PSNR against the ground-truth volume (dB), after mapping the reconstruction onto the truth's grey
/// levels by the least-squares a·v + b (<see cref="ImageQuality.MapOntoTruth"/>); null without a truth.</param>
/// <param name="TruthSsim">3D SSIM against the ground-truth volume after the same mapping, or null.</param>
/// <param name="TruthRmse">RMSE against the ground-truth volume after the same mapping (truth units), or null.</param>
/// <param name="TruthScale">a of that mapping (truth units per reconstruction unit), or null.</param>
/// <param name="TruthOffset">b of that mapping (truth units), or null.</param>
public sealed record QualityResult(ImageStack Volume, ShellCorrelation[] Fsc, double FscCrossingCyclesPerPixel, double HeldBackPsnrDb,
    double? TruthPsnrDb, double? TruthSsim, double? TruthRmse, double? TruthScale = null, double? TruthOffset = null);

/// <summary>
/// The quality job behind <c>temkit tomo report</c>: reconstructs from all tilts and from the even and odd halves,
/// measures the half-set FSC, reprojects the even half at the odd tilts to compare with those held-back frames,
/// scores against a ground truth when there is one (after mapping the reconstruction onto its grey levels), and writes
/// the HTML report.
/// </summary>
public static class QualityRun
{
    /// <summary>Runs the analysis in memory; <paramref name="truth"/> must have the reconstruction's size.</summary>
    public static QualityResult Analyse(ImageStack series, IReadOnlyList<double> tiltDegrees, ReconstructionOptions options, ImageStack? truth = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(series);
        TiltAngleFile.Validate(tiltDegrees, series.Nz, "tilt list");
        if (series.Nz < 4) throw new ArgumentException("half-set quality figures need at least 4 projections");
        var full = TomogramReconstruction.Reconstruct(series, tiltDegrees, options, threads: threads).Volume!;
        if (truth != null && (truth.Nx != full.Nx || truth.Ny != full.Ny || truth.Nz != full.Nz))
            throw new ArgumentException($"the truth volume is {truth.Nx}x{truth.Ny}x{truth.Nz}, the reconstruction {full.Nx}x{full.Ny}x{full.Nz}");
        var (evenSeries, evenTilts) = Half(series, tiltDegrees, 0);
        var (oddSeries, oddTilts) = Half(series, tiltDegrees, 1);
        var even = TomogramReconstruction.Reconstruct(evenSeries, evenTilts, options, threads: threads).Volume!;
        var odd = TomogramReconstruction.Reconstruct(oddSeries, oddTilts, options, threads: threads).Volume!;
        var fsc = FourierShellCorrelation.Shell(even.Array, odd.Array, full.Nx, full.Ny, full.Nz);
        var reprojected = Reprojection.Project(even, oddTilts, threads: threads);
        double heldBack = ImageQuality.Psnr(reprojected.Array, oddSeries.Array);
        double? psnr = null, ssim = null, rmse = null, scale = null, offset = null;
        if (truth != null)
        {
            var (mapped, a, b) = ImageQuality.MapOntoTruth(full.Array, truth.Array);
            psnr = ImageQuality.Psnr(mapped, truth.Array);
            rmse = ImageQuality.Rmse(mapped, truth.Array);
            ssim = full.Nz >= 7 ? ImageQuality.Ssim(mapped, truth.Array, full.Nx, full.Ny, full.Nz) : null;
            (scale, offset) = (a, b);
        }
        return new QualityResult(full, fsc, FourierShellCorrelation.Crossing(fsc), heldBack, psnr, ssim, rmse, scale, offset);
    }

    /// <summary>Writes the report of <paramref name="result"/> into <paramref name="folder"/>; returns report.html's path.</summary>
    public static string WriteReport(string folder, string title, QualityResult result, ImageStack series, ReconstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        static string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        var metrics = new List<(string, string)>
        {
            ("method", options.Method.ToString()),
            ("volume", $"{result.Volume.Nx} x {result.Volume.Ny} x {result.Volume.Nz} voxels"),
            ("half-set FSC 0.143 crossing", $"{F(result.FscCrossingCyclesPerPixel, "F3")} cycles/pixel"),
            ("reprojection of the even half vs the held-back odd frames", $"PSNR {F(result.HeldBackPsnrDb, "F2")} dB"),
        };
        if (result.TruthScale is { } a && result.TruthOffset is { } b)
            metrics.Add(("reconstruction mapped onto the truth's grey levels (least squares)", $"a·v + b, a = {F(a, "G4")}, b = {F(b, "G4")}"));
        if (result.TruthPsnrDb is { } p) metrics.Add(("PSNR vs ground truth", $"{F(p, "F2")} dB"));
        if (result.TruthRmse is { } r) metrics.Add(("RMSE vs ground truth", F(r, "G4")));
        if (result.TruthSsim is { } s) metrics.Add(("3D SSIM vs ground truth", F(s, "F4")));
        return TomographyReport.Write(folder, new TomographyReportContent(title, result.Volume, series, result.Fsc, metrics));
    }

    private static (ImageStack Series, double[] Tilts) Half(ImageStack series, IReadOnlyList<double> tilts, int parity)
    {
        var idx = Enumerable.Range(0, series.Nz).Where(i => i % 2 == parity).ToArray();
        var data = idx.SelectMany(i => series.Frame(i).ToArray()).ToArray();
        return (new ImageStack(series.Nx, series.Ny, idx.Length, data, StackKind.ImageStack, series.VoxelSize), idx.Select(i => tilts[i]).ToArray());
    }
}
