using TemKit.Pipelines.Particle;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Tests.Pipelines.Particle;

/// <summary>A particle folder written again holds only the new simulation's files: no labels left from an earlier one.</summary>
public sealed class ParticleImageFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tk-particle").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ParticleImageResult Simulate(double diameterNm, ColumnLabelOptions? labels) =>
        ParticleImage.Simulate(new ParticleImageParameters(
            new FccParticleParameters("Au", DiameterNanometres: diameterNm), XyzPath: null,
            new SimulationGrid(96, 96, 0.3), new PotentialParameters(2.0), new MultisliceParameters(300),
            new ImagingParameters(), ColumnLabels: labels));

    [Fact]
    public void RewritingWithoutLabelsRemovesTheEarlierColumnLabels()
    {
        ParticleImage.WriteFolder(_dir, Simulate(1.5, new ColumnLabelOptions(HeightClasses: 3)));
        Assert.True(File.Exists(Path.Combine(_dir, "columns.csv")));
        Assert.True(File.Exists(Path.Combine(_dir, "column_classes.mrc")));
        ParticleImage.WriteFolder(_dir, Simulate(1.2, labels: null));
        string[] left = [.. Directory.EnumerateFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(["exitwave.mrc", "image.mrc", "image.png", "intensity.mrc", "intensity.png", "mask.mrc", "mask.png", "params.json", "structure.xyz"], left);
    }

    [Fact]
    public void RewritingWithoutHeightClassesRemovesTheEarlierClassMap()
    {
        ParticleImage.WriteFolder(_dir, Simulate(1.5, new ColumnLabelOptions(HeightClasses: 3)));
        ParticleImage.WriteFolder(_dir, Simulate(1.2, new ColumnLabelOptions()));
        Assert.True(File.Exists(Path.Combine(_dir, "columns.csv")));
        Assert.False(File.Exists(Path.Combine(_dir, "column_classes.mrc")));
    }
}
