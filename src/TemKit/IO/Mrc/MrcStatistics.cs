using System.Globalization;
using System.Numerics.Tensors;

namespace TemKit.IO.Mrc;

/// <summary>Density statistics as MRC2014 defines them: dmin, dmax, dmean and rms (standard deviation about dmean).</summary>
internal sealed class MrcStatistics
{
    /// <summary>Values are summed in float blocks of this length, the blocks in double, to keep rounding small.</summary>
    private const int Block = 4096;

    private long _count;
    private double _shift = double.NaN, _sum, _sumSquares;

    public float Min { get; private set; } = float.PositiveInfinity;
    public float Max { get; private set; } = float.NegativeInfinity;

    /// <summary>Adds values; sums are taken about the first value seen so the variance does not cancel.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) return;
        if (double.IsNaN(_shift)) _shift = values[0];
        Min = MathF.Min(Min, TensorPrimitives.Min(values));
        Max = MathF.Max(Max, TensorPrimitives.Max(values));
        Span<float> shifted = stackalloc float[Block];
        for (int i = 0; i < values.Length; i += Block)
        {
            var block = values.Slice(i, Math.Min(Block, values.Length - i));
            var s = shifted[..block.Length];
            TensorPrimitives.Subtract(block, (float)_shift, s);
            _sum += TensorPrimitives.Sum(s);
            _sumSquares += TensorPrimitives.SumOfSquares(s);
        }
        _count += values.Length;
    }

    public double Mean => _count == 0 ? 0 : _shift + _sum / _count;

    public double Rms
    {
        get
        {
            if (_count == 0) return 0;
            double m = _sum / _count;
            return Math.Sqrt(Math.Max(0, _sumSquares / _count - m * m));
        }
    }

    public static MrcStatistics Of(ReadOnlySpan<float> values)
    {
        var s = new MrcStatistics();
        s.Add(values);
        return s;
    }

    /// <summary>Null when the header's statistics agree with the data (or were never computed); else the problem.</summary>
    public static string? CheckHeader(MrcHeader header, ReadOnlySpan<float> data)
    {
        if (!header.HasStatistics || header.DataMode == MrcMode.Complex64 || data.IsEmpty) return null;
        var s = Of(data);
        if (!float.IsFinite(s.Min) || !float.IsFinite(s.Max)) return null;
        double tolerance = 1e-4 * Math.Max(1.0, s.Max - s.Min);
        bool ok = Math.Abs(header.DMin - s.Min) <= tolerance && Math.Abs(header.DMax - s.Max) <= tolerance
            && Math.Abs(header.DMean - s.Mean) <= 10 * tolerance;
        if (ok) return null;
        static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
        return $"dmin/dmax/dmean: header says {F(header.DMin)}/{F(header.DMax)}/{F(header.DMean)}, the data have {F(s.Min)}/{F(s.Max)}/{F(s.Mean)}";
    }
}
