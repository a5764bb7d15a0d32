using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TemKit.Neural.Convolution.Winograd;

internal sealed partial class WinogradConvolution
{
    /// <summary>
    /// acc[o][i] += A'ᵀ P_·[o][i] A' (r×r from the n×n points), vectorised over 8 input channels in double, parallel over
    /// output channels.
    /// </summary>
    private unsafe void FinishWeightGradient(PointSums sums, double* acc)
    {
        var job = new FinishJob(this, sums, acc);
        if ((long)OutChannels * InChannels < 256) for (int co = 0; co < OutChannels; co++) job.Row(co);
        else Parallel.For(0, OutChannels, job.Row);
    }

    /// <summary>
    /// Where P_ξ[o][i] is read from: double sums at doubles[ξ·xiStride + o·ld + i], or fp32 partial sums of several
    /// workers, Σ_w floats[w·workerStride + ξ·xiStride + o·ld + i] (then every row holds at least i + 8 floats).
    /// </summary>
    private readonly unsafe struct PointSums(double* doubles, float* floats, int workers, long workerStride, long xiStride, int ld)
    {
        /// <summary>P for input channels i..i+count−1 (count ≤ 8; lanes beyond are zero).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<double> Load(int xi, int o, int i, int count)
        {
            long at = xi * xiStride + (long)o * ld + i;
            if (floats != null)
            {
                var s = Vector512<double>.Zero;
                for (int w = 0; w < workers; w++) s += Vector512.WidenLower(Vector256.Load(floats + w * workerStride + at).ToVector512());
                return s;
            }
            if (count == 8) return Vector512.Load(doubles + at);
            var t = Vector512<double>.Zero;
            for (int l = 0; l < count; l++) t = t.WithElement(l, doubles[at + l]);
            return t;
        }
    }

    private sealed unsafe class FinishJob(WinogradConvolution c, PointSums sums, double* acc)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Row(int co)
        {
            if (c._fast45)
            {
                Row45(co);
                return;
            }
            int n = c.InputTile, r = c.Kernel, rr = r * r, inCh = c.InChannels;
            var at = c._tw.AtRows;
            Vector512<double>* s = stackalloc Vector512<double>[r * n];
            double* lanes = stackalloc double[8];
            for (int ci0 = 0; ci0 < inCh; ci0 += 8)
            {
                int count = Math.Min(8, inCh - ci0);
                for (int a = 0; a < r; a++)
                    for (int qx = 0; qx < n; qx++)
                    {
                        var t = Vector512<double>.Zero;
                        for (int e = at.Start[a]; e < at.Start[a + 1]; e++)
                            t = Vector512.FusedMultiplyAdd(Vector512.Create((double)at.Values[e]), sums.Load(at.Columns[e] * n + qx, co, ci0, count), t);
                        s[a * n + qx] = t;
                    }
                double* dst = acc + ((long)co * inCh + ci0) * rr;
                for (int a = 0; a < r; a++)
                    for (int b = 0; b < r; b++)
                    {
                        var t = Vector512<double>.Zero;
                        for (int e = at.Start[b]; e < at.Start[b + 1]; e++)
                            t = Vector512.FusedMultiplyAdd(Vector512.Create((double)at.Values[e]), s[a * n + at.Columns[e]], t);
                        t.Store(lanes);
                        for (int l = 0; l < count; l++) dst[l * rr + a * r + b] += lanes[l];
                    }
            }
        }

        /// <summary>
        /// <see cref="Row"/> for F(5×5, 4×4) written out: A'ᵀ rows are the powers 0..4 of 0, ±1, ±2, ±½ (and ∞ in row 4),
        /// so each 8-to-5 transform is three sums and differences of the ±a pairs.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Row45(int co)
        {
            const int n = 8, r = 5, rr = 25;
            int inCh = c.InChannels;
            Vector512<double>* s = stackalloc Vector512<double>[r * n];
            double* lanes = stackalloc double[8 * rr];
            for (int ci0 = 0; ci0 < inCh; ci0 += 8)
            {
                int count = Math.Min(8, inCh - ci0);
                for (int qx = 0; qx < n; qx++)
                    A5(sums.Load(qx, co, ci0, count), sums.Load(n + qx, co, ci0, count), sums.Load(2 * n + qx, co, ci0, count),
                        sums.Load(3 * n + qx, co, ci0, count), sums.Load(4 * n + qx, co, ci0, count), sums.Load(5 * n + qx, co, ci0, count),
                        sums.Load(6 * n + qx, co, ci0, count), sums.Load(7 * n + qx, co, ci0, count),
                        out s[qx], out s[n + qx], out s[2 * n + qx], out s[3 * n + qx], out s[4 * n + qx]);
                for (int a = 0; a < r; a++)
                {
                    Vector512<double>* q = s + a * n;
                    A5(q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7], out var y0, out var y1, out var y2, out var y3, out var y4);
                    y0.Store(lanes + (a * r) * 8);
                    y1.Store(lanes + (a * r + 1) * 8);
                    y2.Store(lanes + (a * r + 2) * 8);
                    y3.Store(lanes + (a * r + 3) * 8);
                    y4.Store(lanes + (a * r + 4) * 8);
                }
                double* dst = acc + ((long)co * inCh + ci0) * rr;
                for (int l = 0; l < count; l++)
                    for (int e = 0; e < rr; e++) dst[l * rr + e] += lanes[e * 8 + l];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void A5(Vector512<double> m0, Vector512<double> m1, Vector512<double> m2, Vector512<double> m3,
            Vector512<double> m4, Vector512<double> m5, Vector512<double> m6, Vector512<double> m7,
            out Vector512<double> y0, out Vector512<double> y1, out Vector512<double> y2, out Vector512<double> y3, out Vector512<double> y4)
        {
            Vector512<double> s1 = m1 + m2, d1 = m1 - m2, s2 = m3 + m4, d2 = m3 - m4, s3 = m5 + m6, d3 = m5 - m6;
            y0 = m0 + s1 + s2 + s3;
            y1 = Vector512.FusedMultiplyAdd(Vector512.Create(2.0), d2, Vector512.FusedMultiplyAdd(Vector512.Create(0.5), d3, d1));
            y2 = Vector512.FusedMultiplyAdd(Vector512.Create(4.0), s2, Vector512.FusedMultiplyAdd(Vector512.Create(0.25), s3, s1));
            y3 = Vector512.FusedMultiplyAdd(Vector512.Create(8.0), d2, Vector512.FusedMultiplyAdd(Vector512.Create(0.125), d3, d1));
            y4 = Vector512.FusedMultiplyAdd(Vector512.Create(16.0), s2, Vector512.FusedMultiplyAdd(Vector512.Create(0.0625), s3, s1 + m7));
        }
    }
}
