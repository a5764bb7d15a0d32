using TemKit.Imaging;
using TemKit.Optics;
using TemKit.Simulation.Transfer;

namespace TemKit.Simulation.Mesoscale;

/// <summary>
/// A mesoscale field before imaging: its objects, the projected phase φ(x, y) (radians) of the specimen and the exact
/// 0/1 mask of the objects' projected outlines (sampled at pixel centres). The field is periodic: objects that cross an
/// edge wrap round, as the FFT-based imaging does.
/// </summary>
/// <param name="SizePx">Field side (px).</param>
/// <param name="PixelSizeAngstrom">Sampling (Å/px).</param>
/// <param name="Objects">The objects, in drawing order.</param>
/// <param name="PhaseRadians">Projected phase σ·∫V dz, row-major (radians).</param>
/// <param name="Mask">1 inside any object's outline (a vesicle's lumen included), else 0.</param>
public sealed record MesoscaleSpecimen(int SizePx, double PixelSizeAngstrom, IReadOnlyList<PhaseObject> Objects, float[] PhaseRadians, float[] Mask)
{
    /// <summary>
    /// Draws a field with <paramref name="rng"/>: fibres, vesicles and spheres at uniform positions and sizes from
    /// <paramref name="specimen"/>, the amorphous film, and the phase φ = σ[(V_obj − V_med) t_obj + V_film t_film]
    /// (σ the interaction constant at <paramref name="voltageKilovolts"/>, Kirkland Eq. 5.6; the constant phase of the
    /// medium's mean thickness is dropped).
    /// </summary>
    public static MesoscaleSpecimen Draw(MesoscaleSpecimenParameters specimen, int sizePx, double pixelSizeAngstrom, double voltageKilovolts, Random rng)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        ArgumentNullException.ThrowIfNull(rng);
        specimen.Validate();
        if (sizePx is < 16 or > 8192) throw new ArgumentException($"field size {sizePx} px must be 16..8192");
        OpticsLimits.PixelSizeAngstrom.Check(pixelSizeAngstrom, "pixel size");
        double side = sizePx * pixelSizeAngstrom;
        var objects = new List<PhaseObject>();
        for (int k = Count(specimen.FibreCount, rng); k > 0; k--)
            objects.Add(new PhaseObject(PhaseObjectKind.Fibre, side * rng.NextDouble(), side * rng.NextDouble(), specimen.FibreRadiusAngstrom.Uniform(rng),
                LengthAngstrom: Math.Min(specimen.FibreLengthAngstrom.Uniform(rng), 0.8 * side), AngleDegrees: 180 * rng.NextDouble()));
        for (int k = Count(specimen.VesicleCount, rng); k > 0; k--)
        {
            double r = Math.Min(specimen.VesicleRadiusAngstrom.Uniform(rng), 0.4 * side);
            double membrane = Math.Min(specimen.MembraneThicknessAngstrom.Uniform(rng), 0.5 * r);
            objects.Add(new PhaseObject(PhaseObjectKind.Vesicle, side * rng.NextDouble(), side * rng.NextDouble(), r, InnerRadiusAngstrom: r - membrane));
        }
        for (int k = Count(specimen.SphereCount, rng); k > 0; k--)
            objects.Add(new PhaseObject(PhaseObjectKind.Sphere, side * rng.NextDouble(), side * rng.NextDouble(), Math.Min(specimen.SphereRadiusAngstrom.Uniform(rng), 0.4 * side)));
        double sigma = ElectronOptics.InteractionConstantRadPerVoltAngstrom(voltageKilovolts);
        var phase = AmorphousFilm(specimen, sizePx, pixelSizeAngstrom, rng);
        for (int i = 0; i < phase.Length; i++) phase[i] *= (float)(sigma * specimen.AmorphousPotentialVolts);
        var mask = new float[sizePx * sizePx];
        float objectPhasePerAngstrom = (float)(sigma * (specimen.ObjectPotentialVolts - specimen.MediumPotentialVolts));
        foreach (var o in objects) Rasterise(o, sizePx, pixelSizeAngstrom, objectPhasePerAngstrom, phase, mask);
        return new MesoscaleSpecimen(sizePx, pixelSizeAngstrom, objects, phase, mask);
    }

    /// <summary>The phase as an image (radians).</summary>
    public Image2D PhaseImage => new(SizePx, SizePx, PhaseRadians.ToArray(), new VoxelSize(PixelSizeAngstrom, PixelSizeAngstrom, 0));

    /// <summary>The mask as an image (0/1).</summary>
    public Image2D MaskImage => new(SizePx, SizePx, Mask.ToArray(), new VoxelSize(PixelSizeAngstrom, PixelSizeAngstrom, 0));

    /// <summary>Fraction of the field inside the mask.</summary>
    public double MaskFraction => System.Numerics.Tensors.TensorPrimitives.Sum(Mask) / Mask.Length;

    private static int Count(Datasets.ParameterRange range, Random rng) => (int)Math.Floor(range.Min + (range.Max - range.Min + 1) * rng.NextDouble());

    /// <summary>Film thickness fluctuation (Å): white Gaussian noise blurred by the correlation length, scaled to the RMS.</summary>
    private static float[] AmorphousFilm(MesoscaleSpecimenParameters specimen, int n, double px, Random rng)
    {
        var t = new float[n * n];
        if (specimen.AmorphousThicknessRmsAngstrom == 0) return t;
        for (int i = 0; i < t.Length; i++)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            t[i] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        WaveImager.GaussianBlur(t, n, n, px, specimen.AmorphousCorrelationAngstrom);
        float mean = System.Numerics.Tensors.TensorPrimitives.Average(t);
        System.Numerics.Tensors.TensorPrimitives.Subtract(t, mean, t);
        double rms = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(t) / t.Length);
        if (rms > 0) System.Numerics.Tensors.TensorPrimitives.Multiply(t, (float)(specimen.AmorphousThicknessRmsAngstrom / rms), t);
        return t;
    }

    /// <summary>Adds one object's phase and outline over its bounding box, wrapping periodically.</summary>
    private static void Rasterise(PhaseObject o, int n, double px, float phasePerAngstrom, float[] phase, float[] mask)
    {
        int half = (int)Math.Ceiling(o.HalfExtentAngstrom / px) + 1;
        int ci = (int)Math.Floor(o.XAngstrom / px), cj = (int)Math.Floor(o.YAngstrom / px);
        int span = Math.Min(2 * half + 1, n);
        int i0 = ci - span / 2, j0 = cj - span / 2;
        Parallel.For(0, span, dj =>
        {
            int j = j0 + dj;
            int row = ((j % n) + n) % n;
            double y = (j + 0.5) * px;
            for (int di = 0; di < span; di++)
            {
                int i = i0 + di;
                int col = ((i % n) + n) % n;
                double x = (i + 0.5) * px;
                double t = o.ThicknessAngstrom(x, y);
                if (t <= 0 && !o.Covers(x, y)) continue;
                phase[row * n + col] += phasePerAngstrom * (float)t;
                mask[row * n + col] = 1;
            }
        });
    }
}
