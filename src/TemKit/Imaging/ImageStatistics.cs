using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace TemKit.Imaging;

/// <summary>Summary statistics of pixel values, accumulated in double precision.</summary>
/// <param name="Count">Number of values.</param>
/// <param name="Min">Smallest finite value.</param>
/// <param name="Max">Largest finite value.</param>
/// <param name="Sum">Sum of all values.</param>
/// <param name="Mean">Mean value.</param>
/// <param name="StandardDeviation">Population standard deviation (divides by Count).</param>
/// <param name="First">First value (x = 0, y = 0, z = 0).</param>
/// <param name="Last">Last value.</param>
/// <param name="NonFiniteCount">Number of NaN or infinite values (excluded from min/max, included in sum).</param>
public sealed record ImageStatistics(long Count, double Min, double Max, double Sum, double Mean, double StandardDeviation, double First, double Last, long NonFiniteCount)
{
    /// <summary>Statistics of one span of values.</summary>
    public static ImageStatistics Of(ReadOnlySpan<float> values)
    {
        var acc = new Accumulator();
        acc.Add(values);
        return acc.Result();
    }

    /// <summary>Statistics over every frame of a source, reading one frame at a time.</summary>
    public static ImageStatistics Of(IFrameSource source)
    {
        var acc = new Accumulator();
        var frame = new float[source.Width * source.Height];
        for (int z = 0; z < source.FrameCount; z++)
        {
            source.ReadFrame(z, frame);
            acc.Add(frame);
        }
        return acc.Result();
    }

    /// <summary>Streaming accumulator: values are summed in double within 4096-value blocks, then across blocks.</summary>
    public sealed class Accumulator
    {
        private long _count, _nonFinite;
        private double _sum, _sumSquares, _min = double.PositiveInfinity, _max = double.NegativeInfinity, _first = double.NaN, _last = double.NaN;

        /// <summary>Adds <paramref name="values"/> (the next pixels in file order).</summary>
        public void Add(ReadOnlySpan<float> values)
        {
            if (values.IsEmpty) return;
            if (_count == 0) _first = values[0];
            _last = values[^1];
            _count += values.Length;
            const int Block = 4096;
            for (int start = 0; start < values.Length; start += Block)
            {
                var block = values.Slice(start, Math.Min(Block, values.Length - start));
                AddBlock(block);
            }
        }

        private void AddBlock(ReadOnlySpan<float> block)
        {
            double sum = 0, squares = 0;
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            int i = 0;
            if (Vector256.IsHardwareAccelerated && block.Length >= Vector256<float>.Count)
            {
                var vs = MemoryMarshal.Cast<float, Vector256<float>>(block);
                var vmin = Vector256.Create(float.PositiveInfinity);
                var vmax = Vector256.Create(float.NegativeInfinity);
                Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, q0 = s0, q1 = s0;
                bool allFinite = true;
                foreach (var v in vs)
                {
                    var (lo, hi) = Vector256.Widen(v);
                    s0 += lo; s1 += hi; q0 += lo * lo; q1 += hi * hi;
                    vmin = Vector256.Min(vmin, v); vmax = Vector256.Max(vmax, v);
                    allFinite &= Vector256.EqualsAll(v - v, Vector256<float>.Zero);
                }
                i = vs.Length * Vector256<float>.Count;
                if (allFinite)
                {
                    sum = Vector256.Sum(s0 + s1);
                    squares = Vector256.Sum(q0 + q1);
                    for (int k = 0; k < Vector256<float>.Count; k++) { min = Math.Min(min, vmin[k]); max = Math.Max(max, vmax[k]); }
                }
                else
                {
                    i = 0;
                }
            }
            for (; i < block.Length; i++)
            {
                float v = block[i];
                sum += v;
                if (!float.IsFinite(v)) { _nonFinite++; continue; }
                squares += (double)v * v;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            _sum += sum; _sumSquares += squares;
            _min = Math.Min(_min, min); _max = Math.Max(_max, max);
        }

        /// <summary>The statistics of every value added so far.</summary>
        public ImageStatistics Result()
        {
            if (_count == 0) return new ImageStatistics(0, double.NaN, double.NaN, 0, double.NaN, double.NaN, double.NaN, double.NaN, 0);
            double mean = _sum / _count;
            long finite = _count - _nonFinite;
            double variance = finite > 0 ? Math.Max(0, _sumSquares / finite - mean * mean) : double.NaN;
            return new ImageStatistics(_count, _min, _max, _sum, mean, Math.Sqrt(variance), _first, _last, _nonFinite);
        }
    }
}
