using System.Numerics.Tensors;
using TemKit.Tomography.Projection;

namespace TemKit.Tomography.Reconstruction;

public sealed partial class SlabReconstructor
{
    /// <summary>SIRT: x ← x + λ C Aᵀ R (b − A x) (Gregor and Benson 2008, Eq. 4; ASTRA's SIRT), R = 1/(A·1), C = 1/(Aᵀ·1).</summary>
    private int Sirt(ReadOnlySpan<float> b, Span<float> x, ReadOnlySpan<float> mask, IProgress<int>? iterationDone)
    {
        var g = Geometry;
        var (rowInverse, columnInverse) = Normalisations(mask);
        var residual = new float[b.Length];
        var update = new float[x.Length];
        float lambda = (float)Options.Relaxation;
        double previous = double.PositiveInfinity;
        int k = 0;
        while (k < Options.Iterations)
        {
            residual.AsSpan().Clear();
            SlabProjector.Forward(g, x, residual);
            TensorPrimitives.Subtract(b, residual, residual);
            SlabProjector.ClearGuards(g, residual);
            double norm = Math.Sqrt(TensorPrimitives.SumOfSquares<float>(residual));
            if (Stop(previous, norm)) break;
            previous = norm;
            TensorPrimitives.Multiply(residual, rowInverse, residual);
            update.AsSpan().Clear();
            SlabProjector.Back(g, residual, update);
            TensorPrimitives.Multiply(update, columnInverse, update);
            TensorPrimitives.MultiplyAdd(update, lambda, x, x);
            if (Options.NonNegative) TensorPrimitives.Max(x, 0f, x);
            k++;
            iterationDone?.Report(k);
        }
        return k;
    }

    /// <summary>
    /// SART: the SIRT update one projection at a time, projections in golden-ratio order (Kohler 2004). Each voxel's
    /// weights in one view sum to 1 for the pixel-driven projector, so the column normalisation is 1.
    /// </summary>
    private int Sart(ReadOnlySpan<float> b, Span<float> x, ReadOnlySpan<float> mask, IProgress<int>? iterationDone)
    {
        var g = Geometry;
        var (rowInverse, _) = Normalisations(mask);
        int row = g.PaddedRow * SlabProjector.Lanes;
        var residual = new float[b.Length];
        var update = new float[x.Length];
        float lambda = (float)Options.Relaxation;
        var order = GoldenOrder(g.TiltDegrees);
        double previous = double.PositiveInfinity;
        int k = 0;
        while (k < Options.Iterations)
        {
            double sumSquares = 0;
            foreach (int a in order)
            {
                var r = residual.AsSpan(a * row, row);
                r.Clear();
                SlabProjector.Forward(g, x, residual, a, a + 1);
                TensorPrimitives.Subtract(b.Slice(a * row, row), r, r);
                r[..SlabProjector.Lanes].Clear();
                r[^SlabProjector.Lanes..].Clear();
                sumSquares += TensorPrimitives.SumOfSquares<float>(r);
                TensorPrimitives.Multiply(r, rowInverse.AsSpan(a * row, row), r);
                update.AsSpan().Clear();
                SlabProjector.Back(g, residual, update, a, a + 1);
                if (!mask.IsEmpty) TensorPrimitives.Multiply(update, mask, update);
                TensorPrimitives.MultiplyAdd(update, lambda, x, x);
                if (Options.NonNegative) TensorPrimitives.Max(x, 0f, x);
            }
            double norm = Math.Sqrt(sumSquares);
            k++;
            iterationDone?.Report(k);
            if (Stop(previous, norm)) break;
            previous = norm;
        }
        return k;
    }

    private bool Stop(double previous, double norm) =>
        Options.StopRelativeChange > 0 && double.IsFinite(previous) && previous > 0 && (previous - norm) / previous < Options.StopRelativeChange;

    /// <summary>Projection order stepping through the sorted angles by the golden ratio, so successive views differ most.</summary>
    internal static int[] GoldenOrder(IReadOnlyList<double> tiltDegrees)
    {
        int n = tiltDegrees.Count;
        var sorted = Enumerable.Range(0, n).OrderBy(i => tiltDegrees[i]).ToArray();
        var used = new bool[n];
        var order = new List<int>(n);
        double step = (Math.Sqrt(5) - 1) / 2, pos = 0;
        for (int k = 0; k < n; k++)
        {
            int i = (int)(pos * n) % n;
            while (used[i]) i = (i + 1) % n;
            used[i] = true;
            order.Add(sorted[i]);
            pos = (pos + step) % 1;
        }
        return [.. order];
    }
}
