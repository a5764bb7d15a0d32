using TemKit.Pipelines.Defocus;

namespace TemKit.Tests.Pipelines.Defocus;

/// <summary>Issue 12: results.csv says where each fit's rings alias (the score is not comparable beyond it).</summary>
public class ResultsTableAliasingTests
{
    [Fact]
    public void AliasingResolutionRoundTripsAndOlderFilesWithoutItStillLoad()
    {
        string dir = Path.Combine(Path.GetTempPath(), "temkit-aliasing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "results.csv");
            var rows = new[]
            {
                new DefocusResult { File = "/data/a.mrc", Status = DefocusResult.StatusOk, FitResolutionAngstrom = 11.6, AliasingResolutionAngstrom = 11.5377 },
                new DefocusResult { File = "/data/b.mrc", Status = DefocusResult.StatusOk, FitResolutionAngstrom = 3.6 },
            };
            ResultsTable.Write(path, rows);
            var back = ResultsTable.Read(path);
            Assert.Equal(11.5377, back[0].AliasingResolutionAngstrom, 6);
            Assert.True(double.IsNaN(back[1].AliasingResolutionAngstrom));

            // A file written before the column existed: drop the last column of every line.
            var lines = File.ReadAllLines(path).Select(l => l[..l.LastIndexOf(',')]).ToArray();
            File.WriteAllLines(path, lines);
            var old = ResultsTable.Read(path);
            Assert.Equal(2, old.Count);
            Assert.True(double.IsNaN(old[0].AliasingResolutionAngstrom));
            Assert.Equal(11.6, old[0].FitResolutionAngstrom, 6);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
