using System.Globalization;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Tomography;
using TemKit.Pipelines.Interpolation;
using TemKit.Tomography.Interpolation;

namespace TemKit.Cli.Commands.Demo;

/// <summary>Demo step: a tiny cluster tilt dataset (`simulate tilt-dataset`), a few epochs of the learned frame interpolator
/// (`tomo train-interpolation`), its evaluation against linear, flow (motion-compensated) and reprojection interpolation on the held-out clusters
/// (`tomo evaluate-interpolation`) and a held-out series densified from 2° to 1° (`tomo interpolate`); --quick evaluates
/// the baselines only.</summary>
internal sealed class InterpolationDemoStep : IDemoStep
{
    public int Order => 62;

    public string Title => "Tilt-series frame interpolation";

    public string Run(string folder, DemoOptions options)
    {
        bool quick = options.Quick;
        string ranges = Path.Combine(folder, "ranges.yaml"), ds = Path.Combine(folder, "dataset"), model = Path.Combine(folder, "model.tkm");
        string eval = Path.Combine(folder, "evaluation");
        TemKit.IO.AtomicFile.WriteAllText(ranges, string.Join('\n',
            "shapes: [icosahedron, octahedron]", "elements: [Au]", "diameter_nanometres: [1.0]",
            $"orientations_per_cluster: {(quick ? 2 : 4)}", $"tilts: \"{(quick ? "-8:8:1" : "-30:30:1")}\"", $"image_pixels: {(quick ? 24 : 32)}",
            "step_angstrom: 0.6", "dose_electrons_per_angstrom2: [10000, 10000]", "split: [0.5, 0.25, 0.25]") + "\n");
        DemoCli.Run(folder, "simulate", "tilt-dataset", "-o", ds, "--ranges", ranges, "--seed", options.Seed.ToString(CultureInfo.InvariantCulture));
        if (quick)
        {
            DemoCli.Run(folder, "tomo", "evaluate-interpolation", ds, "-o", eval, "--gaps", "1", "--doses", "0", "--factors", "2", "--sirt-iterations", "5");
            return Summary(eval, "baselines only (--quick)");
        }
        DemoCli.Run(folder, "tomo", "train-interpolation", ds, "-o", model, "--epochs", "2", "--width", "8", "--dilations", "1,2,1",
            "--samples-per-cluster", "24", "--crop", "16", "--doses", "0,3000", "--gaps", "1,2", "--validation-frames", "1");
        DemoCli.Run(folder, "tomo", "evaluate-interpolation", ds, "--model", model, "-o", eval, "--gaps", "1,2", "--doses", "0,3000", "--factors", "2", "--sirt-iterations", "10");
        var cluster = InterpolationDataset.Load(InterpolationDataset.Clusters(ds, "test")[0]);
        var (kept, keptTilts) = TiltSeriesFilling.EveryNth(cluster.Noiseless, cluster.TiltsDegrees, 2);
        string sparse = Path.Combine(folder, "sparse.mrc");
        MrcFile.Write(sparse, kept);
        TiltAngleFile.Write(Path.ChangeExtension(sparse, ".rawtlt"), keptTilts);
        DemoCli.Run(folder, "tomo", "interpolate", sparse, "--model", model, "--to-step", "1", "-o", Path.Combine(folder, "dense.mrc"));
        return Summary(eval, "2 epochs of a tiny model, far from trained (see docs/tomography.md for the real numbers)");
    }

    private static string Summary(string eval, string note)
    {
        var table = CsvFiles.ReadTable(Path.Combine(eval, "frames.csv"));
        var rows = table.Rows.Where(r => r[1] == "1" && r[2] == "0").Select(r => $"{r[0]} {r[3]} dB");
        return $"held-out clusters, d = 1 noise-free, frame PSNR: {string.Join(", ", rows)}; {note}; report in evaluation/report.html";
    }
}
