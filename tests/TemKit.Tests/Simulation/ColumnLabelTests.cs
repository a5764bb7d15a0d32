using TemKit.Simulation.Datasets;
using TemKit.Simulation.Labels;
using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation;

public class ColumnLabelTests
{
    [Fact]
    public void GroupingFindsHandBuiltColumns()
    {
        // Column A: three Au atoms jittered by ≤ 0.2 Å around (5, 5); column B: two Pt + one Au around (8, 5);
        // a single Au atom at (5, 9); a chain 0.9 Å apart (single linkage: one column) at y = 12.
        var atoms = new[]
        {
            new Atom(79, 5.1, 5.0, 0), new Atom(79, 4.9, 5.2, 2.9), new Atom(79, 5.0, 4.8, 5.8),
            new Atom(78, 8.0, 5.0, 0), new Atom(78, 8.2, 5.0, 2.9), new Atom(79, 7.9, 5.1, 5.8),
            new Atom(79, 5.0, 9.0, 1),
            new Atom(79, 2.0, 12.0, 0), new Atom(79, 2.9, 12.0, 3), new Atom(79, 3.8, 12.0, 6),
        };
        var columns = ColumnGrouping.Group(atoms, 1.0);
        Assert.Equal(4, columns.Length);
        var a = Assert.Single(columns, c => Math.Abs(c.XAngstrom - 5) < 0.5 && Math.Abs(c.YAngstrom - 5) < 0.5);
        Assert.Equal((3, "Au"), (a.AtomCount, a.Element));
        Assert.Equal(5.0, a.XAngstrom, 9);
        Assert.Equal(5.0, a.YAngstrom, 9);
        var b = Assert.Single(columns, c => Math.Abs(c.XAngstrom - 8) < 0.5);
        Assert.Equal((3, "Pt"), (b.AtomCount, b.Element));
        Assert.Equal((8.0 + 8.2 + 7.9) / 3, b.XAngstrom, 9);
        Assert.Equal(1, Assert.Single(columns, c => c.YAngstrom == 9).AtomCount);
        var chain = Assert.Single(columns, c => c.YAngstrom == 12);
        Assert.Equal((3, 2.9), (chain.AtomCount, Math.Round(chain.XAngstrom, 9)));
        // At a linkage distance below 0.9 Å the chain falls apart into three columns.
        Assert.Equal(6, ColumnGrouping.Group(atoms, 0.85).Length);
    }

    [Fact]
    public void FccBlockOnZoneAxisHasOneColumnPerProjectedSite()
    {
        // Au on [110]: lab x = [001], y = [1-10]/√2, z = [110]/√2. Every column is a row of atoms a/√2 apart along z, so a
        // block 6 such spacings thick has columns of 6 atoms at distinct projected sites (the naive reference: rounding).
        const double a = 4.078;
        var atoms = new List<Atom>();
        var basis = new (double, double, double)[] { (0, 0, 0), (0.5, 0.5, 0), (0.5, 0, 0.5), (0, 0.5, 0.5) };
        for (int i = -12; i <= 12; i++)
            for (int j = -12; j <= 12; j++)
                for (int k = -12; k <= 12; k++)
                    foreach (var (bx, by, bz) in basis)
                    {
                        double cx = (i + bx) * a, cy = (j + by) * a, cz = (k + bz) * a;
                        double x = cz, y = (cx - cy) / Math.Sqrt(2), z = (cx + cy) / Math.Sqrt(2);
                        if (x is >= 0 and < 12 && y is >= 0 and < 12 && z >= -1e-9 && z < 6 * a / Math.Sqrt(2) - 1e-6) atoms.Add(new Atom(79, x + 20, y + 20, z));
                    }
        var sites = atoms.Select(t => (Math.Round(t.XAngstrom, 6), Math.Round(t.YAngstrom, 6))).Distinct().ToArray();
        var columns = ColumnGrouping.Group(atoms, 1.0);
        Assert.Equal(sites.Length, columns.Length);
        Assert.All(columns, c => Assert.Equal(6, c.AtomCount));
        Assert.All(sites, s => Assert.Contains(columns, c => Math.Abs(c.XAngstrom - s.Item1) < 1e-6 && Math.Abs(c.YAngstrom - s.Item2) < 1e-6));
        // Nearest projected columns on [110] are a·√(3/8) apart.
        double nearest = columns.SelectMany(c => columns.Where(d => d != c).Select(d => double.Hypot(c.XAngstrom - d.XAngstrom, c.YAngstrom - d.YAngstrom))).Min();
        Assert.Equal(a * Math.Sqrt(3.0 / 8), nearest, 6);
    }

    [Fact]
    public void BlobImageAndClassMapMatchTheFormula()
    {
        const double px = 0.1, w = 0.4;
        var atoms = new[] { new Atom(79, 2.0, 3.0, 0), new Atom(79, 2.0, 3.0, 3), new Atom(79, 4.53, 3.27, 0) };
        var options = new ColumnLabelOptions(BlobWidthAngstrom: w, HeightClasses: 3, ClassDiskRadiusAngstrom: 0.5);
        var set = ColumnLabels.Compute(atoms, 64, 48, px, options);
        Assert.Equal(2, set.Columns.Length);
        for (int j = 0; j < 48; j++)
            for (int i = 0; i < 64; i++)
            {
                double best = 0;
                foreach (var c in set.Columns)
                {
                    double dx = i * px - c.XAngstrom, dy = j * px - c.YAngstrom, r2 = dx * dx + dy * dy;
                    if (Math.Abs(dx) <= 4 * w && Math.Abs(dy) <= 4 * w) best = Math.Max(best, Math.Exp(-r2 / (2 * w * w)));
                }
                Assert.Equal(best, set.Positions[i, j], 5);
                double d0 = double.Hypot(i * px - 2.0, j * px - 3.0), d1 = double.Hypot(i * px - 4.53, j * px - 3.27);
                float expected = d0 <= 0.5 ? 2f : d1 <= 0.5 ? 1f : 0f;
                Assert.Equal(expected, set.HeightClasses![i, j]);
            }
        Assert.Equal(1f, set.Positions[20, 30], 6);
        Assert.Equal(0.1, set.Positions.PixelSizeAngstrom);
        Assert.Null(ColumnLabels.Compute(atoms, 8, 8, px, new ColumnLabelOptions()).HeightClasses);
    }

    [Fact]
    public void HeightClassesBinAndSaturate()
    {
        var o = new ColumnLabelOptions(HeightClasses: 3, AtomsPerHeightClass: 2);
        Assert.Equal([1, 1, 2, 2, 3, 3, 3], Enumerable.Range(1, 7).Select(o.HeightClass).ToArray());
        Assert.Contains("width", Assert.Throws<ArgumentException>(() => new ColumnLabelOptions(BlobWidthAngstrom: 0).Validate()).Message);
    }

    [Fact]
    public void DatasetCarriesColumnLabelsFrameByFrame()
    {
        var d = DatasetGenerator.Generate(DatasetTests.Small, 2, 2, seed: 5, maxParallelism: 1, columnLabels: new ColumnLabelOptions(HeightClasses: 4));
        var columns = Assert.IsType<DatasetColumns>(d.Columns);
        Assert.Equal(d.Images.Nz, columns.Positions.Nz);
        Assert.Equal(d.Images.Nz, columns.HeightClasses!.Nz);
        for (int f = 0; f < d.Images.Nz; f++)
        {
            var rows = columns.Rows.Where(r => r.Frame == f).ToArray();
            Assert.Equal(d.Records[f].ParticleAtoms, rows.Sum(r => r.HeightAtoms));
            double px = d.Records[f].PixelSizeAngstrom;
            // Each listed column is a blob peak of the label image at its pixel position.
            foreach (var r in rows)
            {
                Assert.Equal(r.XAngstrom / px, r.XPx, 9);
                int i = (int)Math.Round(r.XPx), j = (int)Math.Round(r.YPx);
                Assert.True(columns.Positions.Frame(f)[j * columns.Positions.Nx + i] > 0.5f);
            }
        }
        // Epochs of one particle share its labels.
        Assert.True(columns.Positions.Frame(0).SequenceEqual(columns.Positions.Frame(1)));
    }
}

[Collection("cli")]
public class ColumnLabelCliTests
{
    [Fact]
    public void ParticleCommandWritesColumnLabels()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"temkit-col-cli-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(0, TemKit.Cli.Program.Main(["simulate", "particle", "--diameter-nm", "1.2", "--grid", "128", "--pixel-size-angstrom", "0.2",
                "--seed", "2", "--labels", "columns", "--height-classes", "3", "-o", dir]));
            foreach (var f in new[] { "columns.mrc", "columns.csv", "columns.png", "column_classes.mrc", "mask.mrc" })
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            var columns = ColumnListCsv.Read(Path.Combine(dir, "columns.csv"))[0];
            int atoms = XyzFile.Read(Path.Combine(dir, "structure.xyz")).Particle.Length;
            Assert.Equal(atoms, columns.Sum(c => c.AtomCount));
            Assert.Equal(2, TemKit.Cli.Program.Main(["simulate", "particle", "--grid", "128", "--labels", "atoms", "-o", dir + "x"]));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
