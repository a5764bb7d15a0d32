using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Numerics;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using TemKit.Tomography;

namespace TemKit.Simulation.TiltSeries;

/// <summary>
/// Simulates a single-axis tilt series (library job of <c>temkit simulate tilt-series</c>): the structure, centred on
/// the rotation centre, is rotated about the image y axis to every tilt with <see cref="TiltGeometry.Rotate"/> (the one
/// TemKit convention), imaged by STEM with the chosen method, and given Poisson noise from the dose. The rotation
/// centre projects to the centre of every frame, pixel ((N − 1)/2, (N − 1)/2) (0-based; pixel i sits at x = i·step),
/// as the reconstruction (<c>Tomography/Projection/SliceGeometry</c>) expects.
/// </summary>
public static class TiltSeriesSimulator
{
    /// <summary>A cluster from <paramref name="spec"/> in a uniformly random orientation drawn from <paramref name="orientationSeed"/>.</summary>
    public static Atom[] OrientedCluster(ClusterSpec spec, int orientationSeed)
    {
        var rotation = RandomRotation.Draw(new Random(orientationSeed));
        return [.. spec.Build().Select(a => a.Rotated(rotation))];
    }

    /// <summary>
    /// The series of <paramref name="structure"/> (Å, about the rotation centre at the origin); <paramref name="tiltDone"/>
    /// is called once per finished frame (from worker threads).
    /// </summary>
    public static TiltSeriesResult Run(IReadOnlyList<Atom> structure, TiltSeriesParameters parameters, StemOptions options, Action? tiltDone = null)
    {
        parameters.Validate();
        options.Validate();
        if (structure.Count == 0) throw new ArgumentException("the structure holds no atom");
        int n = parameters.ImagePixels, frames = parameters.TiltsDegrees.Count;
        double radius = structure.Max(a => Math.Sqrt(a.XAngstrom * a.XAngstrom + a.YAngstrom * a.YAngstrom + a.ZAngstrom * a.ZAngstrom));
        double step = parameters.StepAngstrom ?? (2 * radius + 10) / n;
        double field = n * step, centre = 0.5 * (n - 1) * step;
        if (radius + 1 > Math.Min(centre, field - centre))
            throw new ArgumentException($"the structure (radius {radius:F1} Å about its centre) does not fit a {n} px field of view at {step:G4} Å/px ({field:F1} Å): use a larger image or step");
        var noiseless = new float[(long)frames * n * n];
        var scan = new ScanRegion(0, 0, n, n, step);
        var tilts = parameters.TiltsDegrees;
        // The incoherent model's probe profile and cross-sections are the same for every frame: computed once.
        var profile = options.Method == StemMethod.Incoherent ? new ProbeIntensityProfile(parameters.Stem.Probe) : null;
        var sigma = IncoherentStem.CrossSections(parameters.Stem, options);
        foreach (var a in structure) sigma(a.AtomicNumber);
        void Frame(int f, StemOptions frameOptions)
        {
            var atoms = new Atom[structure.Count];
            for (int a = 0; a < atoms.Length; a++)
            {
                var (x, z) = TiltGeometry.Rotate(structure[a].XAngstrom, structure[a].ZAngstrom, tilts[f]);
                atoms[a] = structure[a] with { XAngstrom = x + centre, YAngstrom = structure[a].YAngstrom + centre, ZAngstrom = z };
            }
            ReadOnlySpan<float> image = profile is not null
                ? IncoherentStem.Render(atoms, sigma, profile, scan, 1)
                : StemSimulation.Run(new Specimen(atoms, [], field, field), parameters.Stem, scan, frameOptions).Image.Pixels;
            double scale = parameters.DoseElectronsPerAngstrom2 > 0 ? parameters.DoseElectronsPerAngstrom2 * step * step : 1;
            var target = noiseless.AsSpan((int)((long)f * n * n), n * n);
            for (int p = 0; p < target.Length; p++) target[p] = (float)(image[p] * scale);
            tiltDone?.Invoke();
        }
        if (options.Method == StemMethod.Incoherent)
            Parallel.For(0, frames, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism }, f => Frame(f, options));
        else
            for (int f = 0; f < frames; f++) Frame(f, options);
        var voxel = new VoxelSize(step, step, step);
        var metadata = new ImageMetadata { VoltageKilovolts = parameters.Stem.Probe.VoltageKilovolts, DoseElectronsPerAngstrom2 = parameters.DoseElectronsPerAngstrom2 };
        var clean = new ImageStack(n, n, frames, noiseless, StackKind.ImageStack, voxel with { ZAngstrom = 0 }, metadata);
        ImageStack? noisy = parameters.DoseElectronsPerAngstrom2 > 0 ? new ImageStack(n, n, frames, Poisson(noiseless, n * n, parameters.NoiseSeed), StackKind.ImageStack, voxel with { ZAngstrom = 0 }, metadata) : null;
        var volume = GroundTruthVolume.Render(structure, sigma, n, step, parameters.VolumeBlobSigmaAngstrom);
        return new TiltSeriesResult(tilts, clean, noisy, [.. structure], volume, step, parameters.DoseElectronsPerAngstrom2);
    }

    // Poisson counts of every expected value; frame f draws from its own stream (seed, f), so the noise does not depend on threads.
    internal static float[] Poisson(float[] expected, int frameLength, int seed)
    {
        var counts = new float[expected.Length];
        int frames = expected.Length / frameLength;
        Parallel.For(0, frames, f =>
        {
            var rng = new NoiseRandom(seed, f);
            for (int p = f * frameLength; p < (f + 1) * frameLength; p++) counts[p] = (float)rng.NextPoisson(expected[p]);
        });
        return counts;
    }
}
