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
    }
}
