using TemKit.Imaging;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.Stem;

/// <summary>
/// STEM image simulation (library entry point of <c>temkit simulate stem</c>): a probe scanned over a specimen, the
/// detector signal per position by one of three methods (<see cref="StemMethod"/>) behind this one call. Multislice and
/// PRISM treat the specimen's cell as periodic and measure defocus from the topmost atom (the entrance surface);
/// the incoherent method uses the atoms' projected positions as they are.
/// </summary>
public static class StemSimulation
{
    /// <summary>Simulates the image of <paramref name="specimen"/> (all atoms; support included) over <paramref name="scan"/>.</summary>
    public static StemResult Run(Specimen specimen, StemParameters parameters, ScanRegion scan, StemOptions options, IProgress<StemProgress>? progress = null)
    {
        parameters.Validate();
        scan.Validate();
        options.Validate();
        var atoms = specimen.All;
        if (atoms.Length == 0) throw new ArgumentException("the specimen holds no atom");
        return options.Method switch
        {
            StemMethod.Incoherent => Incoherent(atoms, parameters, scan, options),
            _ => Coherent(specimen, atoms, parameters, scan, options, progress),
        };
    }

    private static StemResult Incoherent(Atom[] atoms, StemParameters parameters, ScanRegion scan, StemOptions options)
    {
        var profile = new ProbeIntensityProfile(parameters.Probe);
        var image = IncoherentStem.Render(atoms, IncoherentStem.CrossSections(parameters, options), profile, scan, options.MaxParallelism);
        return new StemResult(ToImage(image, scan, parameters), StemMethod.Incoherent, null, 0, 0, 0);
    }

    private static StemResult Coherent(Specimen specimen, Atom[] atoms, StemParameters parameters, ScanRegion scan, StemOptions options, IProgress<StemProgress>? progress)
    {
        bool prism = options.Method == StemMethod.Prism;
        int f = prism ? options.PrismInterpolation : 1;
        var grid = StemGrid.For(specimen, parameters, options, prism ? 2 * f : 2);
        var multislice = new MultisliceParameters(parameters.Probe.VoltageKilovolts);
        double bandLimit = multislice.BandwidthLimitFraction * 0.5 / grid.PixelSizeAngstrom;
        var potentialParameters = new PotentialParameters(options.SliceThicknessAngstrom);
        var sum = new double[scan.Count];
        var rng = new Random(options.Seed);
        var baseAtoms = StemGrid.EntranceAtZero(atoms);
        int slices = 0, occupied = 0, beams = 0;
        for (int c = 0; c < options.FrozenPhonons; c++)
        {
            var configuration = options.DisplacementRmsAngstrom > 0 ? StemGrid.Displaced(baseAtoms, options.DisplacementRmsAngstrom, rng) : baseAtoms;
            var stack = new TransmissionStack(PotentialSlicer.Build(configuration, grid, potentialParameters), multislice);
            slices = stack.SliceCount;
            occupied = stack.OccupiedSlices;
            string suffix = options.FrozenPhonons > 1 ? $" (configuration {c + 1}/{options.FrozenPhonons})" : "";
            float[] image;
            if (prism)
            {
                var beamCount = CountBeams(parameters.Probe, grid, f);
                var smatrix = new PrismSMatrix(stack, parameters.Probe, f, bandLimit, options.MaxParallelism, Counter(progress, "S-matrix" + suffix, beamCount));
                beams = smatrix.Beams;
                image = smatrix.Scan(scan, parameters.Detector, parameters.Probe.WavelengthAngstrom, bandLimit, options.MaxParallelism, Counter(progress, "probes" + suffix, scan.Count));
            }
            else
            {
                image = MultisliceStem.Run(stack, parameters, scan, bandLimit, options.MaxParallelism, Counter(progress, "probes" + suffix, scan.Count));
            }
            for (int p = 0; p < sum.Length; p++) sum[p] += image[p];
        }
        var mean = new float[scan.Count];
        for (int p = 0; p < mean.Length; p++) mean[p] = (float)(sum[p] / options.FrozenPhonons);
        SourceBlur.Apply(mean, scan.Nx, scan.Ny, parameters.Probe.SourceSizeAngstrom / scan.StepAngstrom);
        return new StemResult(ToImage(mean, scan, parameters), options.Method, grid, slices, occupied, beams);
    }

    private static int CountBeams(ProbeParameters probe, SimulationGrid grid, int f)
    {
        double kmax = probe.ApertureRadiusInverseAngstrom;
        int reach = (int)Math.Ceiling(kmax * grid.CellXAngstrom / f) + 1, count = 0;
        for (int j = -reach; j <= reach; j++)
            for (int i = -reach; i <= reach; i++)
            {
                double kx = i * f / grid.CellXAngstrom, ky = j * f / grid.CellYAngstrom;
                if (kx * kx + ky * ky <= kmax * kmax) count++;
            }
        return count;
    }

    // A thread-safe counter reporting (stage, done, total) to progress.
    private static Action<int>? Counter(IProgress<StemProgress>? progress, string stage, int total)
    {
        if (progress is null) return null;
        int done = 0;
        progress.Report(new StemProgress(stage, 0, total));
        return k => progress.Report(new StemProgress(stage, Interlocked.Add(ref done, k), total));
    }

    private static Image2D ToImage(float[] pixels, ScanRegion scan, StemParameters parameters) =>
        new(scan.Nx, scan.Ny, pixels, new VoxelSize(scan.StepAngstrom, scan.StepAngstrom, 0),
            new ImageMetadata { VoltageKilovolts = parameters.Probe.VoltageKilovolts, DefocusAngstrom = parameters.Probe.DefocusAngstrom });
}
