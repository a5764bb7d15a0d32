using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;

namespace TemKit.Tests.Simulation.TiltSeries;

/// <summary>A tilt-series folder written again holds only the new series: no noisy stack left from an earlier one.</summary>
public sealed class TiltSeriesFolderTests : IDisposable
{
    private static readonly StemOptions Incoherent = new() { Method = StemMethod.Incoherent };
    private readonly string _dir = Directory.CreateTempSubdirectory("tk-tilt").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string tilts, double dose)
    {
        var atoms = new ClusterSpec(ClusterShape.Octahedron, "Cu", 2).Build();
        var p = new TiltSeriesParameters { TiltsDegrees = TiltAngles.Parse(tilts), ImagePixels = 24, DoseElectronsPerAngstrom2 = dose };
        TiltSeriesWriter.Write(_dir, TiltSeriesSimulator.Run(atoms, p, Incoherent), new Dictionary<string, object?>());
    }

    [Fact]
    public void ANoiselessSeriesRemovesTheEarlierNoisySeries()
    {
        Write("-60:60:30", 1000);
        Assert.True(File.Exists(Path.Combine(_dir, "series.mrc")));
        Write("-30:30:30", 0);
        Assert.False(File.Exists(Path.Combine(_dir, "series.mrc")));
        Assert.False(File.Exists(Path.Combine(_dir, "series.rawtlt")));
        Assert.Equal(["-30.0", "0.0", "30.0"], File.ReadAllLines(Path.Combine(_dir, "series_noiseless.rawtlt")));
    }
}
