using TemKit.IO.Mrc;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;

namespace TemKit.Tests.Simulation.TiltSeries;

public class TiltSeriesTests
{
    private static readonly StemOptions Incoherent = new() { Method = StemMethod.Incoherent };

    [Fact]
    public void AnAtomOffTheAxisMovesAlongXAsTheTiltConventionSays()
    {
        // One Au atom at (x, y, z) = (4, -3, 6) Å: at tilt θ its image sits at x cos θ + z sin θ (TiltGeometry), y unchanged.
        var atom = new Atom(79, 4, -3, 6);
        // A 0.6 Å source size makes the spot smooth on the 0.5 Å scan, so the sampled centroid is the true one.
        var stem = new StemParameters(new ProbeParameters(SourceSizeAngstrom: 0.6), AnnularDetector.Haadf);
        var p = new TiltSeriesParameters { TiltsDegrees = [-40, 0, 30], ImagePixels = 64, StepAngstrom = 0.5, DoseElectronsPerAngstrom2 = 0, Stem = stem };
        var r = TiltSeriesSimulator.Run([atom], p, Incoherent);
        for (int f = 0; f < 3; f++)
        {
            var frame = r.Noiseless.Frame(f);
            double sum = 0, sx = 0, sy = 0;
            for (int j = 0; j < 64; j++)
                for (int i = 0; i < 64; i++)
                {
                    double v = frame[j * 64 + i];
                    sum += v; sx += v * (i - 31.5) * 0.5; sy += v * (j - 31.5) * 0.5;
                }
            double t = p.TiltsDegrees[f] * Math.PI / 180;
            Assert.Equal(4 * Math.Cos(t) + 6 * Math.Sin(t), sx / sum, 0.02);
            Assert.Equal(-3, sy / sum, 0.02);
        }
    }

    [Fact]
    public void VolumeProjectsToTheZeroTiltImageOfAGaussianProbe()
    {
        var atoms = TiltSeriesSimulator.OrientedCluster(new ClusterSpec(ClusterShape.Icosahedron, "Au", 1), 4);
        var p = new TiltSeriesParameters { TiltsDegrees = [0], ImagePixels = 48, StepAngstrom = 0.4, DoseElectronsPerAngstrom2 = 0 };
        var r = TiltSeriesSimulator.Run(atoms, p, Incoherent);
        int n = 48;
        var projection = new double[n * n];
        for (int k = 0; k < n; k++)
            for (int q = 0; q < n * n; q++) projection[q] += r.Volume.Array[(long)k * n * n + q] * 0.4;
        // The volume's column centroid equals the image's (both are the atoms' cross-section weighted positions).
        var image = r.Noiseless.Frame(0);
        double ci = 0, cv = 0, si = 0, sv = 0;
        for (int q = 0; q < n * n; q++) { ci += image[q] * (q % n); si += image[q]; cv += projection[q] * (q % n); sv += projection[q]; }
        Assert.Equal(ci / si, cv / sv, 0.05);
        // Total: Σσ (the projected blobs integrate to σ per atom, in 1/Å² × Å² per pixel area).
        double sigma = AnnularCrossSection.SquareAngstrom(79, AnnularDetector.Haadf, 300);
        Assert.Equal(13 * sigma, sv * 0.4 * 0.4, 13 * sigma * 0.01);
    }

    [Fact]
    public void NoiseIsPoissonAroundTheNoiselessSeriesAndSeeded()
    {
        var atoms = new ClusterSpec(ClusterShape.Cuboctahedron, "Pt", 1).Build();
        var p = new TiltSeriesParameters { TiltsDegrees = [-10, 10], ImagePixels = 32, StepAngstrom = 0.5, DoseElectronsPerAngstrom2 = 2e5, NoiseSeed = 3 };
        var a = TiltSeriesSimulator.Run(atoms, p, Incoherent);
        var b = TiltSeriesSimulator.Run(atoms, p, Incoherent);
        Assert.Equal(a.Noisy!.Array, b.Noisy!.Array);
        double mean = a.Noiseless.Array.Average(), noisy = a.Noisy.Array.Average();
        Assert.Equal(mean, noisy, mean * 0.02);
        Assert.All(a.Noisy.Array, v => Assert.Equal(Math.Round(v), v));
    }

    [Fact]
    public void FilesCarryTheTiltsInTheRawtltAndTheFeiExtendedHeader()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"temkit-ts-{Guid.NewGuid():N}");
        try
        {
            var atoms = new ClusterSpec(ClusterShape.Octahedron, "Cu", 2).Build();
            var p = new TiltSeriesParameters { TiltsDegrees = TiltAngles.Parse("-60:60:30"), ImagePixels = 32, DoseElectronsPerAngstrom2 = 1000 };
            var r = TiltSeriesSimulator.Run(atoms, p, Incoherent);
            TiltSeriesWriter.Write(dir, r, new Dictionary<string, object?> { ["shape"] = "octahedron" });
            Assert.Equal(["-60.0", "-30.0", "0.0", "30.0", "60.0"], File.ReadAllLines(Path.Combine(dir, "series.rawtlt")));
            var stack = MrcFile.Read(Path.Combine(dir, "series.mrc"));
            Assert.Equal(5, stack.Nz);
            Assert.Equal([-60.0, -30, 0, 30, 60], stack.Metadata.FrameFields.Select(f => f["TiltAngleDegrees"]));
            Assert.Equal(r.StepAngstrom, stack.Metadata.FrameFields[0]["PixelSizeXAngstrom"], 1e-9);
            Assert.Equal(300, stack.Metadata.VoltageKilovolts);
            var volume = MrcFile.Read(Path.Combine(dir, "volume.mrc"));
            Assert.Equal((32, 32, 32), (volume.Nx, volume.Ny, volume.Nz));
            Assert.Equal(atoms.Length, XyzFile.Read(Path.Combine(dir, "structure.xyz")).All.Length);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("-60:60", "START:STOP:STEP")]
    [InlineData("0,10,10", "appears twice")]
    [InlineData("10,0", "must increase")]
    [InlineData("-95:90:5", "outside")]
    [InlineData("0,x", "'x' is not a number")]
    public void BadTiltListsAreRefusedWithOneClearMessage(string text, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => TiltAngles.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void DefaultTiltsAreTheSeedPapersSeries()
    {
        var t = TiltAngles.Default;
        Assert.Equal(181, t.Length);
        Assert.Equal(-90, t[0]);
        Assert.Equal(90, t[^1]);
    }

    [Theory]
    [InlineData(ClusterShape.Icosahedron, new[] { 13, 55, 147 })]
    [InlineData(ClusterShape.Cuboctahedron, new[] { 13, 55, 147 })]
    [InlineData(ClusterShape.Octahedron, new[] { 6, 19, 44 })]
    [InlineData(ClusterShape.Decahedron, new[] { 7, 23, 54 })]
    public void ClusterSpecsHaveTheMagicNumbers(ClusterShape shape, int[] counts)
    {
        for (int s = 1; s <= counts.Length; s++) Assert.Equal(counts[s - 1], new ClusterSpec(shape, "Au", s).Build().Length);
    }

    [Fact]
    public void RandomRotationsAreOrthonormalAndSeeded()
    {
        var m = RandomRotation.Draw(new Random(7));
        var (x, y, z) = m.Apply(1, 2, 3);
        Assert.Equal(14, x * x + y * y + z * z, 1e-9);
        Assert.Equal(m, RandomRotation.Draw(new Random(7)));
    }
}
