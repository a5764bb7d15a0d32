using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Tests.Cli;

/// <summary>Two different commands pointed at one run folder: the second is refused and the first run is kept whole.</summary>
[Collection("cli")]
public sealed class SharedRunFolderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void AParticlesRunIntoADefocusRunFolderIsRefusedAndTheDefocusReportKept()
    {
        var (code, _, stderr) = CliRunner.Run("defocus-simulate", "-o", _dir["data"], "--count", "1", "--size-px", "256", "--seed", "5");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = CliRunner.Run("defocus", _dir["data"], "-o", _dir["run"]);
        Assert.True(code == 0, stderr);
        byte[] report = File.ReadAllBytes(_dir["run/report.html"]);
        byte[] provenance = File.ReadAllBytes(_dir["run/provenance.json"]);

        var mask = new Image2D(256, 256, VoxelSize.Isotropic(1.0));
        for (int y = 100; y < 140; y++)
            for (int x = 100; x < 140; x++)
                mask[x, y] = 1f;
        MrcFile.Write(_dir["mask.mrc"], mask);
        (code, _, stderr) = CliRunner.Run("particles", _dir["data/micrograph_000.mrc"], "--masks", _dir["mask.mrc"], "-o", _dir["run"]);
        Assert.Equal(2, code);
        Assert.Contains($"{_dir["run"]} holds a 'temkit defocus' run; write the 'temkit particles' run to another folder", stderr);
        Assert.Equal(report, File.ReadAllBytes(_dir["run/report.html"]));
        Assert.Equal(provenance, File.ReadAllBytes(_dir["run/provenance.json"]));
        Assert.False(File.Exists(_dir["run/tracks.csv"]));
    }
}
