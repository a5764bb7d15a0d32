using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TemKit.Simulation.Potentials;

/// <summary>
/// The projected potential v_z(r) − v_z(r_c) of one element tabulated on a fine radial grid and on a grid in r²
/// (linear interpolation), so the per-pixel cost is a lookup instead of three Bessel functions. Below the first step
/// the analytic form is used.
/// </summary>
internal sealed class RadialTable
{
    private readonly KirklandPotential _potential;
    private readonly double[] _values;
    private readonly float[] _squared;
    private readonly double _step2;
    private const int SquaredEntries = 1 << 16;
    private readonly double _step, _shift, _cutoff;

    private RadialTable(KirklandPotential potential, double cutoff, double step)
    {
        _potential = potential;
        _cutoff = cutoff;
        _step = step;
        _shift = potential.ProjectedVoltAngstrom(cutoff);
        int n = (int)Math.Ceiling(cutoff / step) + 2;
        _values = new double[n];
        for (int i = 1; i < n; i++) _values[i] = potential.ProjectedVoltAngstrom(i * step) - _shift;
        _step2 = cutoff * cutoff / SquaredEntries;
        _squared = new float[SquaredEntries + 2];
        for (int i = 0; i < _squared.Length; i++) _squared[i] = (float)At(Math.Sqrt(i * _step2));
    }

    public static RadialTable Create(KirklandPotential potential, double cutoffAngstrom, double stepAngstrom) => new(potential, cutoffAngstrom, stepAngstrom);

    /// <summary>v_z(r) − v_z(r_c) in V·Å from r² (Å²), without a square root; for r of at least a few table steps
    /// (the pixels away from the nucleus), where the potential is smooth in r².</summary>
    public double AtSquared(double r2)
    {
        double t = r2 / _step2;
        int i = (int)t;
        if (i >= SquaredEntries) return At(Math.Sqrt(r2));
        double f = t - i;
        return _squared[i] + f * (_squared[i + 1] - _squared[i]);
    }

    /// <summary>Adds v_z − v_z(r_c) at x = x0 + k·dx, k = 0..target.Length−1, on a row at squared distance
    /// <paramref name="dy2"/> (Å²) from the nucleus, to <paramref name="target"/>.</summary>
    public unsafe void AddRow(Span<float> target, double x0, double dx, double dy2)
    {
        double inv = 1 / _step2;
        var table = _squared;
        int k = 0;
        if (Avx2.IsSupported && target.Length >= 8)
        {
            // Eight pixels at a time: t = r²/step in float, gather the two table neighbours, interpolate, and drop lanes
            // at or beyond the cutoff.
            var lane = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
            var vdx = Vector256.Create((float)dx);
            var vdy2 = Vector256.Create((float)dy2);
            var vinv = Vector256.Create((float)inv);
            var last = Vector256.Create(SquaredEntries);
            fixed (float* pt = table)
            fixed (float* po = target)
            {
                for (; k + 8 <= target.Length; k += 8)
                {
                    var x = Avx.Add(Vector256.Create((float)(x0 + k * dx)), Avx.Multiply(lane, vdx));
                    var t = Avx.Multiply(Avx.Add(Avx.Multiply(x, x), vdy2), vinv);
                    var i = Avx.ConvertToVector256Int32WithTruncation(t);
                    var inside = Avx2.CompareGreaterThan(last, i).AsSingle();
                    i = Avx2.Min(i, last);
                    var a = Avx2.GatherVector256(pt, i, 4);
                    var b = Avx2.GatherVector256(pt + 1, i, 4);
                    var f = Avx.Subtract(t, Avx.ConvertToVector256Single(i));
                    var v = Avx.And(Avx.Add(a, Avx.Multiply(f, Avx.Subtract(b, a))), inside);
                    Avx.Store(po + k, Avx.Add(Avx.LoadVector256(po + k), v));
                }
            }
        }
        for (; k < target.Length; k++)
        {
            double x = x0 + k * dx;
            double t = (x * x + dy2) * inv;
            int i = (int)t;
            if (i >= SquaredEntries) continue;
            float f = (float)(t - i);
            target[k] += table[i] + f * (table[i + 1] - table[i]);
        }
    }

    /// <summary>v_z(r) − v_z(r_c) in V·Å, 0 beyond the cutoff.</summary>
    public double At(double r)
    {
        if (r >= _cutoff) return 0;
        double t = r / _step;
        int i = (int)t;
        if (i < 1) return _potential.ProjectedVoltAngstrom(r) - _shift;
        double f = t - i;
        return _values[i] + f * (_values[i + 1] - _values[i]);
    }
}
