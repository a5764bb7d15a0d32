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
