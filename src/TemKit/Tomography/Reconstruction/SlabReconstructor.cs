using System.Numerics.Tensors;
using TemKit.Tomography.Projection;

namespace TemKit.Tomography.Reconstruction;

/// <summary>
/// Reconstructs one slab of <see cref="SlabProjector.Lanes"/> slices from its sinogram slab by WBP, SIRT or SART.
/// Thread-safe: the geometry-only normalisations are computed once; each call allocates its own work space.
/// </summary>
public sealed partial class SlabReconstructor
{
    private readonly float[] _angleWeights;
    private float[]? _rowInverse, _columnInverse;
    private readonly object _lock = new();

    /// <summary>Creates a reconstructor for <paramref name="geometry"/>.</summary>
    public SlabReconstructor(SliceGeometry geometry, ReconstructionOptions options)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Geometry = geometry;
        Options = options;
        _angleWeights = AngularWeights(geometry.TiltDegrees);
        Filter = options.Method == ReconstructionMethod.Wbp ? new RampFilter(geometry.DetectorPx, options) : null;
    }

    /// <summary>Slice geometry.</summary>
    public SliceGeometry Geometry { get; }

    /// <summary>Settings.</summary>
    public ReconstructionOptions Options { get; }

    /// <summary>The WBP filter (null for SIRT/SART); apply it to each projection before packing the sinogram.</summary>
    public RampFilter? Filter { get; }

    /// <summary>
    /// Angular integration weights Δθ (radians) of the WBP sum f = Σ Δθ_a q_a: the trapezoid rule over the sorted
    /// angles, so ±90° at 1° sums to π and a limited range to its span (the missing wedge stays missing).
    /// </summary>
    public static float[] AngularWeights(IReadOnlyList<double> tiltDegrees)
    {
        ArgumentNullException.ThrowIfNull(tiltDegrees);
        int n = tiltDegrees.Count;
        var w = new float[n];
        if (n == 1) { w[0] = (float)Math.PI; return w; }
        var order = Enumerable.Range(0, n).OrderBy(i => tiltDegrees[i]).ToArray();
        for (int k = 0; k < n; k++)
        {
            double lo = tiltDegrees[order[Math.Max(0, k - 1)]], hi = tiltDegrees[order[Math.Min(n - 1, k + 1)]];
            w[order[k]] = (float)((hi - lo) / 2 * Math.PI / 180);
        }
        return w;
    }

    /// <summary>
    /// Reconstructs <paramref name="volume"/> (overwritten) from <paramref name="sinogram"/> (for WBP already filtered).
    /// <paramref name="mask"/>: empty for none, else a volume slab of 0/1 weights (SIRT/SART update only where 1; WBP
    /// multiplies by it). Returns the iterations run (1 for WBP).
    /// </summary>
    public int Reconstruct(ReadOnlySpan<float> sinogram, Span<float> volume, ReadOnlySpan<float> mask = default, IProgress<int>? iterationDone = null)
    {
        var g = Geometry;
        if (!mask.IsEmpty && mask.Length != volume.Length) throw new ArgumentException($"mask slab holds {mask.Length} values, the volume slab {volume.Length}");
        volume.Clear();
        switch (Options.Method)
        {
            case ReconstructionMethod.Wbp:
                var weighted = sinogram.ToArray();
                int row = g.PaddedRow * SlabProjector.Lanes;
                for (int a = 0; a < g.AngleCount; a++) TensorPrimitives.Multiply(weighted.AsSpan(a * row, row), _angleWeights[a], weighted.AsSpan(a * row, row));
                SlabProjector.ClearGuards(g, weighted);
                SlabProjector.Back(g, weighted, volume);
                if (!mask.IsEmpty) TensorPrimitives.Multiply(volume, mask, volume);
                iterationDone?.Report(1);
                return 1;
            case ReconstructionMethod.Sirt:
                return Sirt(sinogram, volume, mask, iterationDone);
            default:
                return Sart(sinogram, volume, mask, iterationDone);
        }
    }

    /// <summary>1/(A·M) per ray (0 where no voxel contributes; guard bins 0) and M/(Aᵀ·1) per voxel.</summary>
    private (float[] Row, float[] Column) Normalisations(ReadOnlySpan<float> mask)
    {
        var g = Geometry;
        if (mask.IsEmpty)
        {
            lock (_lock)
            {
                if (_rowInverse == null)
                {
                    var ones = new float[SlabProjector.VolumeLength(g)];
                    ones.AsSpan().Fill(1);
                    (_rowInverse, _columnInverse) = Compute(ones);
                }
                return (_rowInverse, _columnInverse!);
            }
        }
        return Compute(mask);

        (float[], float[]) Compute(ReadOnlySpan<float> m)
        {
            var rows = new float[SlabProjector.SinogramLength(g)];
            SlabProjector.Forward(g, m, rows);
            SlabProjector.ClearGuards(g, rows);
            Invert(rows);
            var ones = new float[rows.Length];
            ones.AsSpan().Fill(1);
            SlabProjector.ClearGuards(g, ones);
            var columns = new float[m.Length];
            SlabProjector.Back(g, ones, columns);
            Invert(columns);
            TensorPrimitives.Multiply(columns, m, columns);
            return (rows, columns);
        }
    }

    private static void Invert(Span<float> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = values[i] > 1e-6f ? 1 / values[i] : 0;
    }
}
