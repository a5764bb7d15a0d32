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
                new DefocusResult { File = "/data/a.mrc", Status = DefocusResult.StatusOk, FitResolutionAngstrom = 11.6, AliasingResolutionAngstrom = 11.5377, ScoreBandLowResolutionAngstrom = 10.04, ScoreBandHighResolutionAngstrom = 5.77 },
                new DefocusResult { File = "/data/b.mrc", Status = DefocusResult.StatusOk, FitResolutionAngstrom = 3.6 },
            };
            ResultsTable.Write(path, rows);
            var back = ResultsTable.Read(path);
            Assert.Equal(11.5377, back[0].AliasingResolutionAngstrom, 6);
            Assert.True(double.IsNaN(back[1].AliasingResolutionAngstrom));
            Assert.Equal(10.04, back[0].ScoreBandLowResolutionAngstrom, 6);
            Assert.Equal(5.77, back[0].ScoreBandHighResolutionAngstrom, 6);

            // A file written before these columns existed: drop the last three columns of every line.
            string Drop(string l) => l[..l.LastIndexOf(',')];
            var lines = File.ReadAllLines(path).Select(l => Drop(Drop(Drop(l)))).ToArray();
            File.WriteAllLines(path, lines);
            var old = ResultsTable.Read(path);
            Assert.Equal(2, old.Count);
            Assert.True(double.IsNaN(old[0].AliasingResolutionAngstrom));
            Assert.True(double.IsNaN(old[0].ScoreBandHighResolutionAngstrom));
            Assert.Equal(11.6, old[0].FitResolutionAngstrom, 6);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
