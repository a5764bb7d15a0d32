using System.Globalization;
using TemKit.Imaging;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Pipelines.ParticleAnalysis.Validation;

namespace TemKit.Cli.Commands.Demo;

/// <summary>
/// Demo step: the shipped detector models/particles-au-b8.tkm on a multi-particle frame. Au particles on CeO2 are
/// simulated on and off the [110] zone axis (`temkit simulate particle`), pasted into one field of vacuum
/// (<see cref="ParticleField"/>), and `temkit particles --model` finds them; the step passes when every simulated particle
/// is found once with no spurious one, each detected area is within 25 % of the true mask's, the on-zone particles pass
/// the ratio filter indexed [110] and the tilted one is rejected.
/// </summary>
internal sealed class ParticleDetectorDemoStep : IDemoStep
{
    private const double MaxAreaError = 0.25;

    public int Order => 58;

    public string Title => "Particles with the shipped detector (multi-particle frame)";

    public string Run(string folder, DemoOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        string model = DemoCli.ShippedModel("particles-au-b8.tkm");
        // (tilt off [110] in degrees, particle seed offset); the tilted particle is last.
        (string Tilt, int Seed)[] particles = options.Quick ? [("0", 0), ("8", 1)] : [("0", 0), ("0", 1), ("8", 2)];
        const int Tile = 320, Gap = 96;
        const double Dose = 5000;
        var tiles = new List<ParticleTile>();
        for (int k = 0; k < particles.Length; k++)
        {
            string sim = Path.Combine(folder, $"particle{k}");
            DemoCli.Run(folder, "simulate", "particle", "--diameter-nm", "2.5", "--grid", Tile.ToString(inv), "--pixel-size-angstrom", "0.1",
                "--tilt-deg", particles[k].Tilt, "--tilt-axis-deg", "30", "--defocus-angstrom", "60", "--dose-e-per-A2", Dose.ToString(inv),
                "--seed", (options.Seed + particles[k].Seed).ToString(inv), "-o", sim);
            var image = MrcFile.Read(Path.Combine(sim, "image.mrc")).FrameImage(0);
            var mask = MrcFile.Read(Path.Combine(sim, "mask.mrc")).FrameImage(0).Pixels.ToArray();
            tiles.Add(new ParticleTile(image, mask, Gap + k * (Tile + Gap), Gap));
        }
        int width = Gap + particles.Length * (Tile + Gap), height = Tile + 2 * Gap;
        var field = ParticleField.Compose(tiles, width, height, Dose, options.Seed);
        string frame = Path.Combine(folder, "frame.mrc"), truth = Path.Combine(folder, "true-labels.mrc");
        MrcFile.Write(frame, field.Frame);
        MrcFile.Write(truth, new Image2D(width, height, field.TrueLabels, field.Frame.PixelSize));
        string run = Path.Combine(folder, "particles");
        DemoCli.Run(folder, "particles", frame, "--model", model, "--report-frames", "1", "-o", run);
        return Check(Path.Combine(run, "particles.csv"), field, particles.Length);
    }

    /// <summary>Matches the detected particles to the true ones by centroid and checks the pass criterion.</summary>
    private static string Check(string table, ParticleFieldFrame field, int count)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = CsvFiles.ReadTable(table);
        double D(string v) => double.Parse(v, NumberStyles.Float, inv);
        var cx = rows.Column("centroid_x_px").Select(D).ToList();
        var cy = rows.Column("centroid_y_px").Select(D).ToList();
        var area = rows.Column("area_px").Select(D).ToList();
        var ratio = rows.Column("ratio").ToList();
        var zone = rows.Column("zone").ToList();
        var passes = rows.Column("passes").ToList();
        var lines = new List<string>();
        var problems = new List<string>();
        var matched = new HashSet<int>();
        var centroids = cx.Zip(cy).ToList();
        for (int k = 0; k < count; k++)
        {
            var truth = field.Particles[k];
            int best = truth.Nearest(centroids);
            bool onZone = k < count - 1;
            if (best < 0) { problems.Add($"particle {k + 1} not found"); continue; }
            matched.Add(best);
            double areaRatio = area[best] / truth.AreaPx;
            lines.Add(string.Create(inv, $"{(onZone ? "on [110]" : "8° off")}: area {areaRatio:F2}× true, ratio {D(ratio[best]):F2}, zone {(zone[best].Length > 0 ? zone[best] : "-")}, {(passes[best] == "true" ? "kept" : "rejected")}"));
            if (Math.Abs(areaRatio - 1) > MaxAreaError) problems.Add(string.Create(inv, $"particle {k + 1} area {areaRatio:F2}× the true area"));
            if (onZone && (passes[best] != "true" || zone[best] != "[110]")) problems.Add($"on-zone particle {k + 1} {(passes[best] == "true" ? "indexed " + zone[best] : "rejected")}");
            if (!onZone && passes[best] == "true") problems.Add($"tilted particle {k + 1} kept");
        }
        int spurious = cx.Count - matched.Count;
        if (spurious > 0) problems.Add($"{spurious} spurious particle(s)");
        if (problems.Count > 0) throw new InvalidOperationException($"shipped detector check failed: {string.Join("; ", problems)}");
        return $"{cx.Count} of {count} simulated particles found, none spurious; {string.Join("; ", lines)} (criterion: area within {MaxAreaError:P0}, on-zone kept as [110], tilted rejected): particles/report.html";
    }
}
