using TemKit.Tomography.Interpolation;

namespace TemKit.Pipelines.Interpolation;

/// <summary>Evaluation series from a tilt dataset (<see cref="InterpolationEvaluation"/> on simulated clusters).</summary>
public static class DatasetEvaluationSeries
{
    /// <summary>The held-out clusters of a tilt dataset (noise added by <see cref="ClusterSeries.AtDoseInNoiselessUnits"/>), loaded one at a time.</summary>
    public static IEnumerable<EvaluationSeries> Series(string datasetFolder, string split = "test", int maxClusters = 0)
    {
        var clusters = InterpolationDataset.Clusters(datasetFolder, split);
        foreach (var c in maxClusters > 0 ? clusters.Take(maxClusters) : clusters)
        {
            var s = InterpolationDataset.Load(c);
            yield return new EvaluationSeries(Path.GetFileName(c.Folder), s.TiltsDegrees, s.Noiseless, s.AtDoseInNoiselessUnits);
        }
    }

}
