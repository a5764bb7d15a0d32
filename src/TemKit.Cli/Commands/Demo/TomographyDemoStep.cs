using System.Globalization;
using TemKit.Imaging;
using TemKit.IO.Mrc;
using TemKit.Tomography.Phantoms;
using TemKit.Tomography.Quality;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: a Gaussian-blob phantom projected into a ±60° tilt series (`temkit tomo project`), reconstructed by
/// WBP and SIRT (`temkit tomo reconstruct`) and scored against the phantom; a quality report with the half-set FSC.</summary>
internal sealed class TomographyDemoStep : IDemoStep
{
    public int Order => 60;

    public string Title => "Tilt-series tomography";

    public string Run(string folder, DemoOptions options)
    {
        int n = options.Quick ? 48 : 96;
        var blobs = GaussianBlobs.Random(12, n * 0.55, n * 0.35, options.Seed);
        var truth = new ImageStack(n, n, n, GaussianBlobs.Render(blobs, n, n, n), StackKind.Volume);
        string phantom = Path.Combine(folder, "phantom.mrc"), series = Path.Combine(folder, "series.mrc");
        string wbp = Path.Combine(folder, "wbp.mrc"), sirt = Path.Combine(folder, "sirt.mrc");
        MrcFile.Write(phantom, truth);
        DemoCli.Run(folder, "tomo", "project", phantom, "--tilts", "-60:60:2", "-o", series);
        DemoCli.Run(folder, "tomo", "reconstruct", series, "--method", "wbp", "-o", wbp);
        DemoCli.Run(folder, "tomo", "reconstruct", series, "--method", "sirt", "--iterations", "30", "--non-negative", "-o", sirt);
        DemoCli.Run(folder, "tomo", "report", series, "--method", "sirt", "--iterations", "30", "--truth", phantom, "-o", Path.Combine(folder, "report"));
        double pw = ImageQuality.Psnr(MrcFile.Read(wbp).Array, truth.Array), ps = ImageQuality.Psnr(MrcFile.Read(sirt).Array, truth.Array);
        return $"{n}³ blob phantom, 61 tilts ±60°: PSNR WBP {F(pw)} dB, SIRT (30 iterations) {F(ps)} dB; report in report/report.html";
    }

    private static string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
}
