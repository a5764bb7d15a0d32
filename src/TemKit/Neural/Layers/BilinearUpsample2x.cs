using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>
/// Bilinear up-sampling by 2 with half-pixel centres (PyTorch Upsample(scale_factor=2, mode="bilinear",
/// align_corners=False)): output pixel o samples input coordinate (o + 0.5)/2 − 0.5, clamped at the edges.
/// </summary>
public sealed class BilinearUpsample2x : Layer
{
    private int _n, _c, _h, _w;

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Forward(Tensor input, bool training)
    {
        (_n, _c, _h, _w) = (input.N, input.C, input.H, input.W);
        int oh = 2 * _h, ow = 2 * _w;
        var (y0, y1, fy) = Axis(_h);
        var (x0, x1, fx) = Axis(_w);
        var output = Tensor.Uninitialised(_n, _c, oh, ow);
        PlaneParallel.For(_n * _c, oh * ow, p =>
        {
            var s = input.Plane(p / _c, p % _c);
            var d = output.Plane(p / _c, p % _c);
            for (int oy = 0; oy < oh; oy++)
            {
                var r0 = s.Slice(y0[oy] * _w, _w);
                var r1 = s.Slice(y1[oy] * _w, _w);
                float wy = fy[oy];
                var dr = d.Slice(oy * ow, ow);
                for (int ox = 0; ox < ow; ox++)
                {
                    float a = r0[x0[ox]] + fx[ox] * (r0[x1[ox]] - r0[x0[ox]]);
                    float b = r1[x0[ox]] + fx[ox] * (r1[x1[ox]] - r1[x0[ox]]);
                    dr[ox] = a + wy * (b - a);
                }
            }
        });
        return output;
    }

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Backward(Tensor gradOutput)
    {
        int oh = 2 * _h, ow = 2 * _w;
        var (y0, y1, fy) = Axis(_h);
        var (x0, x1, fx) = Axis(_w);
        var gradInput = Tensor.Zeros(_n, _c, _h, _w);
        PlaneParallel.For(_n * _c, oh * ow, p =>
        {
            var g = gradOutput.Plane(p / _c, p % _c);
            var d = gradInput.Plane(p / _c, p % _c);
            for (int oy = 0; oy < oh; oy++)
            {
                var r0 = d.Slice(y0[oy] * _w, _w);
                var r1 = d.Slice(y1[oy] * _w, _w);
                float wy = fy[oy];
                var gr = g.Slice(oy * ow, ow);
                for (int ox = 0; ox < ow; ox++)
                {
                    float v = gr[ox], wx = fx[ox];
                    float top = v * (1 - wy), bottom = v * wy;
                    r0[x0[ox]] += top * (1 - wx);
                    r0[x1[ox]] += top * wx;
                    r1[x0[ox]] += bottom * (1 - wx);
                    r1[x1[ox]] += bottom * wx;
                }
            }
        });
        return gradInput;
    }

    private static (int[] I0, int[] I1, float[] F) Axis(int n)
    {
        var i0 = new int[2 * n];
        var i1 = new int[2 * n];
        var f = new float[2 * n];
        for (int o = 0; o < 2 * n; o++)
        {
            double src = Math.Max(0.0, (o + 0.5) / 2 - 0.5);
            int a = Math.Min((int)src, n - 1);
            i0[o] = a;
            i1[o] = Math.Min(a + 1, n - 1);
            f[o] = (float)(src - a);
        }
        return (i0, i1, f);
    }
}
