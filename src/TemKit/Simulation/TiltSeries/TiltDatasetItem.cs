using TemKit.Simulation.Structures;

namespace TemKit.Simulation.TiltSeries;

/// <summary>One cluster of a tilt-series dataset, fully determined by the dataset seed and its index.</summary>
/// <param name="Index">Cluster index (0-based); its folder is clusters/cNNNNN.</param>
/// <param name="Split">"train", "validation" or "test".</param>
/// <param name="Cluster">Shape, element and shell count.</param>
/// <param name="DiameterNanometres">The requested diameter (nm) the shell count was chosen for.</param>
/// <param name="OrientationSeed">Seed of the uniformly random orientation.</param>
/// <param name="NoiseSeed">Seed of the Poisson noise.</param>
/// <param name="DoseElectronsPerAngstrom2">Dose per frame (e/Å²).</param>
public sealed record TiltDatasetItem(int Index, string Split, ClusterSpec Cluster, double DiameterNanometres, int OrientationSeed, int NoiseSeed, double DoseElectronsPerAngstrom2)
{
    /// <summary>The cluster's folder name.</summary>
    public string FolderName => $"c{Index:D5}";
}

/// <summary>Counts of one dataset run (or shard).</summary>
/// <param name="Clusters">Clusters in the whole dataset.</param>
/// <param name="InShard">Clusters this run is responsible for.</param>
/// <param name="Skipped">Of those, already complete from an earlier run.</param>
/// <param name="Simulated">Simulated now.</param>
public sealed record TiltDatasetSummary(int Clusters, int InShard, int Skipped, int Simulated);
