using System.Globalization;
using TemKit.IO;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.TiltSeries;

/// <summary>
/// Tilt-series datasets (library job of <c>temkit simulate tilt-dataset</c>): every shape × element × size × orientation
/// of a <see cref="TiltDatasetRanges"/>, each cluster a tilt-series folder DS/clusters/cNNNNN, split into train,
/// validation and test by cluster. Each cluster draws from its own stream seeded by (seed, index) as
/// <see cref="DatasetGenerator.ItemSeed"/>, so the dataset does not depend on sharding or threads. Resumable: a cluster
/// is complete when its folder exists (it is written as cNNNNN.partial and renamed when finished).
/// </summary>
public static class TiltDataset
{
    /// <summary>The plan of every cluster (deterministic in <paramref name="seed"/>).</summary>
    public static IReadOnlyList<TiltDatasetItem> Plan(TiltDatasetRanges ranges, long seed)
    {
        ranges.Validate();
        var combos = new List<(ClusterShape Shape, string Element, double Diameter)>();
        foreach (var shape in ranges.Shapes)
            foreach (string element in ranges.Elements)
                foreach (double d in ranges.DiametersNanometres)
                    combos.Add((shape, element, d));
        var specs = new Dictionary<(ClusterShape, string, double), ClusterSpec>();
        int count = ranges.ClusterCount;
        // Split by cluster: a seeded permutation of the indices, cut at the train/validation fractions.
        var order = Enumerable.Range(0, count).ToArray();
        new Random(DatasetGenerator.ItemSeed(seed, -1)).Shuffle(order);
        double total = ranges.Split.Sum();
        int train = (int)Math.Round(count * ranges.Split[0] / total), validation = (int)Math.Round(count * ranges.Split[1] / total);
        var split = new string[count];
        for (int k = 0; k < count; k++) split[order[k]] = k < train ? "train" : k < train + validation ? "validation" : "test";
        var items = new TiltDatasetItem[count];
        for (int i = 0; i < count; i++)
        {
            var (shape, element, d) = combos[i / ranges.OrientationsPerCluster];
            if (!specs.TryGetValue((shape, element, d), out var spec)) specs[(shape, element, d)] = spec = ClusterSpec.ForDiameter(shape, element, d);
            var rng = new Random(DatasetGenerator.ItemSeed(seed, i));
            int orientation = rng.Next(), noise = rng.Next();
            items[i] = new TiltDatasetItem(i, split[i], spec, d, orientation, noise, ranges.DoseElectronsPerAngstrom2.LogUniform(rng));
        }
        return items;
    }

    /// <summary>
    /// Simulates the clusters of shard <paramref name="shardIndex"/> of <paramref name="shardCount"/> (index mod count)
    /// that are not complete yet into <paramref name="folder"/>, writing ranges.yaml and clusters.csv (the whole plan,
    /// identical from every shard) first; <paramref name="clusterDone"/> is called after each simulated cluster.
    /// Throws <see cref="InvalidOperationException"/> when the folder holds a dataset made with other ranges or seed.
    /// </summary>
    public static TiltDatasetSummary Run(string folder, TiltDatasetRanges ranges, long seed, int shardIndex = 0, int shardCount = 1, StemOptions? options = null, Action<TiltDatasetItem>? clusterDone = null)
    {
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) throw new ArgumentException($"shard {shardIndex}/{shardCount}: need 0 ≤ K < N");
        var plan = Plan(ranges, seed);
        Directory.CreateDirectory(folder);
        string yaml = TiltDatasetRangesYaml.Format(ranges) + FormattableString.Invariant($"seed: {seed}\n");
        string yamlPath = Path.Combine(folder, "ranges.yaml");
        if (File.Exists(yamlPath) && File.ReadAllText(yamlPath) != yaml)
            throw new InvalidOperationException($"{folder} holds a dataset made with other ranges or seed ({yamlPath}); use a new output folder");
        AtomicFile.WriteAllText(yamlPath, yaml);
        WritePlan(Path.Combine(folder, "clusters.csv"), plan);
        string clusters = Path.Combine(folder, "clusters");
        Directory.CreateDirectory(clusters);
        var stem = (options ?? new StemOptions()) with { Method = ranges.Method };
        var tilts = TiltAngles.Parse(ranges.Tilts);
        int inShard = 0, skipped = 0, simulated = 0;
        foreach (var item in plan)
        {
            if (item.Index % shardCount != shardIndex) continue;
            inShard++;
            string final = Path.Combine(clusters, item.FolderName);
            if (Directory.Exists(final)) { skipped++; continue; }
            string partial = final + ".partial";
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            var parameters = new TiltSeriesParameters
            {
                TiltsDegrees = tilts, Stem = ranges.Stem, ImagePixels = ranges.ImagePixels, StepAngstrom = ranges.StepAngstrom,
                DoseElectronsPerAngstrom2 = item.DoseElectronsPerAngstrom2, NoiseSeed = item.NoiseSeed,
            };
            var atoms = TiltSeriesSimulator.OrientedCluster(item.Cluster, item.OrientationSeed);
            var result = TiltSeriesSimulator.Run(atoms, parameters, stem);
            TiltSeriesWriter.Write(partial, result, Describe(item, stem.Method));
            Directory.Move(partial, final);
            simulated++;
            clusterDone?.Invoke(item);
        }
        return new TiltDatasetSummary(plan.Count, inShard, skipped, simulated);
    }

    private static Dictionary<string, object?> Describe(TiltDatasetItem item, StemMethod method) => new()
    {
        ["index"] = item.Index, ["split"] = item.Split, ["shape"] = item.Cluster.Shape.ToString().ToLowerInvariant(),
        ["element"] = item.Cluster.Element, ["shells"] = item.Cluster.Shells, ["requested_diameter_nanometres"] = item.DiameterNanometres,
        ["orientation_seed"] = item.OrientationSeed, ["noise_seed"] = item.NoiseSeed, ["method"] = method.ToString().ToLowerInvariant(),
    };

    private static void WritePlan(string path, IReadOnlyList<TiltDatasetItem> plan)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string> { "index,folder,split,shape,element,shells,atoms,requested_diameter_nm,orientation_seed,noise_seed,dose_e_per_A2" };
        var atomCounts = new Dictionary<ClusterSpec, int>();
        foreach (var i in plan)
        {
            if (!atomCounts.TryGetValue(i.Cluster, out int atoms)) atomCounts[i.Cluster] = atoms = i.Cluster.Build().Length;
            lines.Add(string.Join(',', i.Index.ToString(inv), i.FolderName, i.Split, i.Cluster.Shape.ToString().ToLowerInvariant(), i.Cluster.Element,
                i.Cluster.Shells.ToString(inv), atoms.ToString(inv), i.DiameterNanometres.ToString("R", inv), i.OrientationSeed.ToString(inv),
                i.NoiseSeed.ToString(inv), i.DoseElectronsPerAngstrom2.ToString("R", inv)));
        }
        AtomicFile.WriteAllText(path, string.Join('\n', lines) + "\n");
    }
}
