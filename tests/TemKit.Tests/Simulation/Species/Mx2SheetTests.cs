using TemKit.Simulation.Structures;

namespace TemKit.Tests.Simulation.Species;

public class Mx2SheetTests
{
    private const double CellAngstrom = 30;

    private static Mx2Sheet Perfect(double rotation = 17) =>
        Mx2SheetBuilder.Build(new Mx2Parameters(SingleVacancyFraction: 0, RotationDegrees: rotation), CellAngstrom, CellAngstrom, new Random(3));

    // Periodic 3-D distance in the cell (x, y periodic, z not).
    private static double Distance(Atom p, Atom q)
    {
        double dx = Math.Abs(p.XAngstrom - q.XAngstrom), dy = Math.Abs(p.YAngstrom - q.YAngstrom);
        dx = Math.Min(dx, CellAngstrom - dx);
        dy = Math.Min(dy, CellAngstrom - dy);
        double dz = p.ZAngstrom - q.ZAngstrom;
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    private static bool AwayFromSeam(Atom a, double margin = 4) =>
        a.XAngstrom > margin && a.XAngstrom < CellAngstrom - margin && a.YAngstrom > margin && a.YAngstrom < CellAngstrom - margin;

    [Fact]
    public void BulkAtomsHaveTheBondsOfTrigonalPrismaticMoS2()
    {
        var atoms = Perfect().Specimen.Particle;
        double a = 3.16, t = 3.19, bond = Math.Sqrt(a * a / 3 + t * t / 4);   // 2.424 Å (Mo-S in 2H-MoS₂: 2.41-2.42 Å)
        foreach (var mo in atoms.Where(x => x.AtomicNumber == 42 && AwayFromSeam(x)))
        {
            var near = atoms.Where(o => o != mo).Select(o => (o, d: Distance(mo, o))).OrderBy(p => p.d).ToList();
            // Trigonal prism: six S at the bond length, then six Mo at a.
            Assert.All(near.Take(6), p => { Assert.Equal(16, p.o.AtomicNumber); Assert.Equal(bond, p.d, 1e-6); });
            Assert.All(near.Skip(6).Take(6), p => { Assert.Equal(42, p.o.AtomicNumber); Assert.Equal(a, p.d, 1e-6); });
        }
        foreach (var s in atoms.Where(x => x.AtomicNumber == 16 && AwayFromSeam(x)))
        {
            // The other S of the column sits t below or above; the next S in the same plane is a away.
            var partner = atoms.Where(o => o.AtomicNumber == 16 && o != s && o.ZAngstrom != s.ZAngstrom).MinBy(o => Distance(s, o));
            Assert.Equal(t, Distance(s, partner), 1e-6);
            var sameLayer = atoms.Where(o => o.AtomicNumber == 16 && o != s && o.ZAngstrom == s.ZAngstrom).Min(o => Distance(s, o));
            Assert.Equal(a, sameLayer, 1e-6);
        }
    }

    [Fact]
    public void SeamNeverPutsColumnsCloserThanThreeQuartersOfTheSpacing()
    {
        var sheet = Perfect(rotation: 23.7);
        double min = double.PositiveInfinity;
        var cols = sheet.Columns;
        for (int i = 0; i < cols.Length; i++)
            for (int j = i + 1; j < cols.Length; j++)
            {
                double dx = Math.Abs(cols[i].XAngstrom - cols[j].XAngstrom), dy = Math.Abs(cols[i].YAngstrom - cols[j].YAngstrom);
                dx = Math.Min(dx, CellAngstrom - dx);
                dy = Math.Min(dy, CellAngstrom - dy);
                min = Math.Min(min, Math.Sqrt(dx * dx + dy * dy));
            }
        Assert.True(min >= 0.75 * 3.16 / Math.Sqrt(3) - 1e-9, $"closest columns {min:F3} Å");
    }

    [Fact]
    public void CommensurateCellHoldsExactlyTwoFormulaUnitsPerRectangularCell()
    {
        // 10a x 6(a√3) holds 10·6 rectangular cells of two MoS₂ each, with no seam.
        const double a = 3.16;
        var sheet = Mx2SheetBuilder.Build(new Mx2Parameters(SingleVacancyFraction: 0, RotationDegrees: 0, RandomShift: false), 10 * a, 6 * a * Math.Sqrt(3), new Random(1));
        var atoms = sheet.Specimen.Particle;
        int mo = atoms.Count(x => x.AtomicNumber == 42), s = atoms.Count(x => x.AtomicNumber == 16);
        Assert.Equal(120, mo);
        Assert.Equal(240, s);
        Assert.Equal(mo, sheet.Count(ColumnKind.Metal));
        Assert.Equal(mo, sheet.Count(ColumnKind.ChalcogenPair));
    }

    [Theory]
    [InlineData(0.1, 0.0, 0.0)]
    [InlineData(0.05, 0.03, 0.02)]
    public void VacancyFractionsAreExactAndAtomsAddUp(double single, double dbl, double metal)
    {
        var p = new Mx2Parameters(SingleVacancyFraction: single, DoubleVacancyFraction: dbl, MetalVacancyFraction: metal);
        var sheet = Mx2SheetBuilder.Build(p, CellAngstrom, CellAngstrom, new Random(11));
        var g = sheet.Geometry;
        Assert.Equal((int)Math.Round(single * g.ChalcogenSites), g.SingleVacancies);
        Assert.Equal((int)Math.Round(dbl * g.ChalcogenSites), g.DoubleVacancies);
        Assert.Equal((int)Math.Round(metal * g.MetalSites), g.MetalVacancies);
        Assert.Equal(g.SingleVacancies, sheet.Count(ColumnKind.SingleChalcogen));
        Assert.Equal(g.ChalcogenSites - g.SingleVacancies - g.DoubleVacancies, sheet.Count(ColumnKind.ChalcogenPair));
        Assert.Equal(g.MetalSites - g.MetalVacancies, sheet.Count(ColumnKind.Metal));
        var atoms = sheet.Specimen.Particle;
        Assert.Equal(2 * g.ChalcogenSites - g.MissingChalcogenAtoms, atoms.Count(x => x.AtomicNumber == 16));
        Assert.Equal(g.MetalSites - g.MetalVacancies, atoms.Count(x => x.AtomicNumber == 42));
        // Each S₁ column holds exactly one S atom at its position.
        foreach (var c in sheet.Columns.Where(c => c.Kind == ColumnKind.SingleChalcogen))
            Assert.Single(atoms, x => x.AtomicNumber == 16 && Math.Abs(x.XAngstrom - c.XAngstrom) < 1e-9 && Math.Abs(x.YAngstrom - c.YAngstrom) < 1e-9);
    }

    [Fact]
    public void GrapheneSupportHasCarbonBondsOf142PicometresBelowTheSheet()
    {
        var sheet = Mx2SheetBuilder.Build(new Mx2Parameters(Graphene: true), CellAngstrom, CellAngstrom, new Random(5));
        var c = sheet.Specimen.Support;
        Assert.All(c, x => Assert.Equal(6, x.AtomicNumber));
        double sBottom = sheet.Specimen.Particle.Max(x => x.ZAngstrom);
        Assert.All(c, x => Assert.Equal(sBottom + 3.4, x.ZAngstrom, 1e-9));
        double bond = 2.46 / Math.Sqrt(3);
        foreach (var atom in c.Where(x => AwayFromSeam(x)).Take(40))
        {
            var d = c.Where(o => o != atom).Select(o => Distance(atom, o)).Order().Take(3).ToArray();
            Assert.All(d, v => Assert.Equal(bond, v, 1e-6));
        }
        // Graphene areal density: 2 atoms per a²√3/2.
        Assert.InRange(c.Length / (CellAngstrom * CellAngstrom), 0.36, 0.40);
    }

    [Theory]
    [InlineData("WSe2", 74, 34, 3.28)]
    [InlineData("MoTe2", 42, 52, 3.52)]
    public void OtherDichalcogenidesUseTheirLatticeConstant(string formula, int metal, int chalcogen, double a)
    {
        var sheet = Mx2SheetBuilder.Build(new Mx2Parameters(Dichalcogenide.Parse(formula), SingleVacancyFraction: 0, RotationDegrees: 0, RandomShift: false), CellAngstrom, CellAngstrom, new Random(1));
        var atoms = sheet.Specimen.Particle;
        Assert.All(atoms, x => Assert.Contains(x.AtomicNumber, new[] { metal, chalcogen }));
        var m = atoms.Where(x => x.AtomicNumber == metal && AwayFromSeam(x)).ToArray();
        var first = m[0];
        Assert.Equal(a, m.Where(o => o != first).Min(o => Distance(first, o)), 1e-6);
    }

    [Fact]
    public void ExtendedXyzRoundTripKeepsSheetAndSupportApart()
    {
        var sheet = Mx2SheetBuilder.Build(new Mx2Parameters(Graphene: true), 12, 12, new Random(2));
        string path = Path.Combine(Path.GetTempPath(), $"mx2-{Guid.NewGuid():N}.xyz");
        try
        {
            XyzFile.Write(path, sheet.Specimen, 12);
            var back = XyzFile.Read(path);
            Assert.Equal(sheet.Specimen.Particle.Length, back.Particle.Length);
            Assert.Equal(sheet.Specimen.Support.Length, back.Support.Length);
            Assert.Equal(12, back.CellXAngstrom);
        }
        finally { File.Delete(path); }
    }
}
