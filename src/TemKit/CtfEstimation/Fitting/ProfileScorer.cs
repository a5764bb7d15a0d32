namespace TemKit.CtfEstimation.Fitting;

/// <summary>
/// Scores an isotropic CTF against a 1D profile (amplitude, as CTFFIND), as CTFFIND4's 1D search on the rotational average: per bin the
/// background is the profile smoothed over the candidate's local ring period, the remaining oscillation is divided by
/// its local RMS (so the data's envelope is removed and every ring counts alike, which keeps the correlation maximum at
/// the true defocus even when only a few rings are visible), and the score is the Pearson correlation with
/// 2·CTF² − 1 = −cos 2χ. Not thread-safe (scratch buffers).
/// </summary>
internal sealed class ProfileScorer
{
    private readonly double[] _profile, _squares;
    private readonly RingWindow _window;
    private readonly PhaseModel _model;
    private readonly double _step;
    private readonly int _first, _last;
    private readonly double _minPeriodPx;

    /// <param name="profile">Radial profile, one value per px.</param>
    /// <param name="frequencyStep">1/Å per px.</param>
    /// <param name="first">First fitted bin.</param>
    /// <param name="last">Last fitted bin.</param>
    /// <param name="model">CTF phase model.</param>
    /// <param name="minPeriodPx">Where the candidate's ring period is shorter (aliased rings) its model is 0.</param>
    public ProfileScorer(double[] profile, double frequencyStep, int first, int last, PhaseModel model, double minPeriodPx)
    {
        _profile = profile;
        _step = frequencyStep;
        _first = first;
        _last = Math.Min(last, profile.Length - 1);
        _model = model;
        _minPeriodPx = minPeriodPx;
        _window = new RingWindow(profile, Math.Max(1, first / 2));
        _squares = new double[profile.Length];
    }

    public int First => _first;
    public int Last => _last;

    /// <summary>Last bin whose ring period at this defocus (Å) is at least the minimum (px).</summary>
    public int LastUnaliased(double defocus)
    {
        for (int r = _first; r <= _last; r++)
            if (_model.RingPeriod(r * _step, defocus) / _step < _minPeriodPx) return r - 1;
        return _last;
    }

    /// <summary>Local ring period (px) at bin r, limited to [2, r/4] so windows stay out of the DC peak.</summary>
    public double PeriodPx(double r, double defocus) => Math.Clamp(_model.RingPeriod(r * _step, defocus) / _step, 2, Math.Max(2, 0.25 * r));

    /// <summary>
    /// Background at every bin for a candidate defocus (Å): the profile averaged twice over one local ring period
    /// (a triangular window two periods wide). One box of one period removes the rings exactly under a flat envelope;
    /// the second also cancels the ring-phase-dependent term a sloping envelope leaves, which would shift the rings.
    /// </summary>
    public double[] BackgroundProfile(double defocus) => SmoothTwice(_window, _profile.Length, defocus);

    /// <summary>Local RMS of (profile − background) at every fitted bin (same triangular window), ≈ envelope/(2√2).</summary>
    public double[] OscillationRms(double defocus, double[] background)
    {
        Array.Clear(_squares);
        for (int r = _first; r <= _last; r++)
        {
            double d = _profile[r] - background[r];
            _squares[r] = d * d;
        }
        var ms = SmoothTwice(new RingWindow(_squares, _first), _profile.Length, defocus);
        for (int r = 0; r < ms.Length; r++) ms[r] = Math.Sqrt(Math.Max(ms[r], 0));
        return ms;
    }

    /// <summary>Triangular (box of box) smoothing of the values behind <paramref name="window"/>, one ring period per box.</summary>
    internal double[] SmoothTwice(RingWindow window, int length, double defocus)
    {
        int lo = Math.Max(1, _first / 2);
        var once = new double[length];
        for (int r = lo; r < length; r++) once[r] = window.Mean(r, PeriodPx(r, defocus));
        var second = new RingWindow(once, lo);
        var twice = new double[length];
        for (int r = lo; r < length; r++) twice[r] = second.Mean(r, PeriodPx(r, defocus));
        for (int r = 0; r < lo; r++) twice[r] = twice[lo];
        return twice;
    }

    /// <summary>
    /// Pearson correlation of the normalised oscillation with −cos 2χ over all fitted bins for this defocus (Å) and
    /// phase shift (radians). Where the candidate's rings are aliased the model is 0 (a pixel averages them out), so
    /// every candidate is scored on the same bins and scores are comparable.
    /// </summary>
    public double Score(double defocus, double phaseShift)
    {
        int last = LastUnaliased(defocus);
        if (last - _first < 3) return -1;
        var background = BackgroundProfile(defocus);
        var rms = OscillationRms(defocus, background);
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int r = _first; r <= _last; r++)
        {
            double x = rms[r] > 0 ? (_profile[r] - background[r]) / rms[r] : 0;
            double y = r <= last ? -Math.Cos(2 * _model.Chi(r * _step, defocus, phaseShift)) : 0;
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; n++;
        }
        return Pearson(n, sx, sy, sxx, syy, sxy);
    }

    internal static double Pearson(double n, double sx, double sy, double sxx, double syy, double sxy)
    {
        double vx = n * sxx - sx * sx, vy = n * syy - sy * sy;
        return vx > 0 && vy > 0 ? (n * sxy - sx * sy) / Math.Sqrt(vx * vy) : 0;
    }
}
