using System.Buffers;
using System.Runtime.Intrinsics;
using TemKit.Neural.Convolution;
using TemKit.Neural.Convolution.Gemm;
using TemKit.Neural.Convolution.Winograd;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>
/// 2D convolution (cross-correlation) with stride 1, odd kernel size, dilation, zero or reflect padding that keeps the
/// image size, optional bias. Weights [out][in][ky][kx]; He-normal initialisation (std √(2/fan_in)).
/// </summary>
public sealed class Conv2d : Layer
{
    private readonly GemmConvolution? _gemm;
    private readonly bool _gemmForward, _gemmBackward;
    private readonly WinogradConvolution? _winograd, _winogradTransposed;
    private float[]? _padded;
    private int _n, _h, _w;

    /// <summary>Creates the layer and initialises its weights from <paramref name="rng"/>.</summary>
    public Conv2d(string name, int inChannels, int outChannels, int kernel, int dilation, PaddingMode padding, bool bias, Random rng)
    {
        if (kernel < 1 || kernel % 2 == 0) throw new ArgumentException($"kernel size {kernel} must be odd", nameof(kernel));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilation);
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Dilation = dilation;
        Padding = padding;
        Weight = new Parameter(name + ".weight", outChannels, inChannels, kernel, kernel);
        Weight.InitNormal(rng, Math.Sqrt(2.0 / (inChannels * kernel * kernel)));
        Bias = bias ? new Parameter(name + ".bias", outChannels) : null;
        // Wide zero-padded layers (U-Net) run all three passes by Winograd F(4×4, K×K) (the weight gradient as
        // F(K×K, 4×4)); thin and dilated layers (MSD-net's single-output reflect-padded convs) use the direct kernel, and
        // the remaining wide ones GEMM for the backward pass, whichever measured faster (docs/benchmarks/neural.md).
        int tile = WinogradConvolution.ChooseTile(inChannels, outChannels, kernel, dilation, padding);
        if (tile > 0)
        {
            _winograd = new WinogradConvolution(inChannels, outChannels, kernel, tile);
            _winogradTransposed = new WinogradConvolution(outChannels, inChannels, kernel, tile);
        }
        _gemmForward = _winograd == null && GemmConvolution.PaysForward();
        _gemmBackward = _winograd == null && GemmConvolution.PaysBackward(inChannels, outChannels);
        if (_gemmForward || _gemmBackward) _gemm = new GemmConvolution(inChannels, outChannels, kernel, dilation, padding);
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }
    /// <summary>Output channels.</summary>
    public int OutChannels { get; }
    /// <summary>Odd kernel size (px).</summary>
    public int Kernel { get; }
    /// <summary>Spacing of the kernel taps (px).</summary>
    public int Dilation { get; }
    /// <summary>How pixels outside the image are seen.</summary>
    public PaddingMode Padding { get; }
    /// <summary>Weights [out][in][ky][kx].</summary>
    public Parameter Weight { get; }
    /// <summary>Bias per output channel, or null.</summary>
    public Parameter? Bias { get; }

    /// <summary>Pad width on each side, (K/2)·dilation pixels.</summary>
    public int Margin => Kernel / 2 * Dilation;

    /// <summary>The forward-pass implementation chosen for this layer: "winograd", "gemm" or "direct".</summary>
    internal string ForwardPath => _winograd != null ? "winograd" : _gemmForward ? "gemm" : "direct";

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => Bias == null ? [Weight] : [Weight, Bias];

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Forward(Tensor input, bool training)
    {
        if (input.C != InChannels) throw new ArgumentException($"expected {InChannels} channels, got {input.ShapeText}", nameof(input));
        int m = Margin, h = input.H, w = input.W, ph = h + 2 * m, pw = w + 2 * m;
        int plane = ph * pw;
        ReleaseCache();
        var padded = ArrayPool<float>.Shared.Rent(input.N * InChannels * plane);
        PlaneParallel.For(input.N * InChannels, plane, p =>
        {
            var dst = padded.AsSpan(p * plane, plane);
            var src = input.Plane(p / InChannels, p % InChannels);
            for (int y = 0; y < h; y++) src.Slice(y * w, w).CopyTo(dst.Slice((y + m) * pw + m, w));
            Convolution.Padding.Fill(dst, pw, h, w, m, Padding);
        });
        var output = Tensor.Uninitialised(input.N, OutChannels, h, w);
        if (_winograd != null) ForwardWinograd(input.N, padded, plane, output);
        else ForwardOther(input.N, padded, plane, output);
        if (training)
        {
            _padded = padded;
            (_n, _h, _w) = (input.N, h, w);
        }
        else ArrayPool<float>.Shared.Return(padded);
        return output;
    }

    private void ForwardWinograd(int samples, float[] padded, int plane, Tensor output)
    {
        var u = ArrayPool<float>.Shared.Rent(_winograd!.TransformedWeightCount);
        _winograd.TransformWeights(Weight.Value, u);
        var bias = Bias == null ? default : Bias.Value;
        for (int n = 0; n < samples; n++)
            _winograd.ForwardPadded(padded.AsSpan(n * InChannels * plane, InChannels * plane), output.H, output.W, u, bias, output.Sample(n));
        ArrayPool<float>.Shared.Return(u);
    }

    private void ForwardOther(int samples, float[] padded, int plane, Tensor output)
    {
        int m = Margin, h = output.H, w = output.W, pw = w + 2 * m;
        var g = new ConvGeometry(InChannels, OutChannels, h, w, Kernel, Dilation, plane, pw, m * pw + m, h * w, w, 0);
        for (int n = 0; n < samples; n++)
        {
            var sample = padded.AsSpan(n * InChannels * plane, InChannels * plane);
            var bias = Bias == null ? default : Bias.Value;
            if (_gemmForward) _gemm!.ForwardPadded(sample, h, w, Weight.Value, bias, output.Sample(n));
            else DirectConvolution.Forward(g, sample, Weight.Value, bias, output.Sample(n), accumulate: false);
        }
    }

    /// <inheritdoc />
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Tensor Backward(Tensor gradOutput)
    {
        var padded = _padded ?? throw new InvalidOperationException("Backward called without a training forward pass");
        int m = Margin, h = _h, w = _w, ph = h + 2 * m, pw = w + 2 * m, plane = ph * pw, kk = Kernel * Kernel;
        if (gradOutput.N != _n || gradOutput.C != OutChannels || gradOutput.H != h || gradOutput.W != w)
            throw new ArgumentException($"gradient shape {gradOutput.ShapeText} does not match the forward pass", nameof(gradOutput));
        if (Bias != null)
        {
            var sums = new double[_n * OutChannels];
            PlaneParallel.For(sums.Length, h * w, p => sums[p] = Sum(gradOutput.Plane(p / OutChannels, p % OutChannels)));
            for (int p = 0; p < sums.Length; p++) Bias.Grad[p % OutChannels] += (float)sums[p];
        }

        var acc = ArrayPool<double>.Shared.Rent(Weight.Value.Length);
        Array.Clear(acc, 0, Weight.Value.Length);
        var g = new ConvGeometry(InChannels, OutChannels, h, w, Kernel, Dilation, plane, pw, m * pw + m, h * w, w, 0);
        for (int n = 0; n < _n; n++)
        {
            var sample = padded.AsSpan(n * InChannels * plane, InChannels * plane);
            if (_winograd != null) _winograd.WeightGradient(sample, gradOutput.Sample(n), h, w, acc.AsSpan(0, Weight.Value.Length));
            else if (_gemmBackward) _gemm!.BackwardWeightsPadded(sample, gradOutput.Sample(n), h, w, acc.AsSpan(0, Weight.Value.Length));
            else DirectConvolution.WeightGradient(g, sample, gradOutput.Sample(n), h * w, w, 0, acc);
        }
        for (int i = 0; i < Weight.Value.Length; i++) Weight.Grad[i] += (float)acc[i];
        ArrayPool<double>.Shared.Return(acc);

        var flipped = ArrayPool<float>.Shared.Rent(Weight.Value.Length);
        for (int co = 0; co < OutChannels; co++)
            for (int ci = 0; ci < InChannels; ci++)
                for (int t = 0; t < kk; t++)
                    flipped[(ci * OutChannels + co) * kk + kk - 1 - t] = Weight.Value[(co * InChannels + ci) * kk + t];
        var gradInput = Tensor.Uninitialised(_n, InChannels, h, w);
        if (_winogradTransposed != null) InputGradientWinograd(gradOutput, flipped, gradInput);
        else InputGradientOther(gradOutput, flipped, padded, gradInput);
        ArrayPool<float>.Shared.Return(flipped);
        ReleaseCache();
        return gradInput;
    }

    /// <summary>For zero padding the input gradient is the same-size correlation of the output gradient with the flipped, transposed kernel.</summary>
    private void InputGradientWinograd(Tensor gradOutput, float[] flipped, Tensor gradInput)
    {
        var t = _winogradTransposed!;
        int m = Margin, h = _h, w = _w, pw = w + 2 * m, plane = (h + 2 * m) * pw;
        var u = ArrayPool<float>.Shared.Rent(t.TransformedWeightCount);
        t.TransformWeights(flipped.AsSpan(0, Weight.Value.Length), u);
        var gp = ArrayPool<float>.Shared.Rent(OutChannels * plane);
        for (int n = 0; n < _n; n++)
        {
            int sample = n;
            PlaneParallel.For(OutChannels, plane, c =>
            {
                var dst = gp.AsSpan(c * plane, plane);
                dst.Clear();
                var src = gradOutput.Plane(sample, c);
                for (int y = 0; y < h; y++) src.Slice(y * w, w).CopyTo(dst.Slice((y + m) * pw + m, w));
            });
            t.ForwardPadded(gp.AsSpan(0, OutChannels * plane), h, w, u, default, gradInput.Sample(n));
        }
        ArrayPool<float>.Shared.Return(gp);
        ArrayPool<float>.Shared.Return(u);
    }

    /// <summary>
    /// Full correlation of the zero-padded output gradient with the flipped, transposed kernel, evaluated over the padded
    /// input frame, then the margins folded back (adjoint of the padding).
    /// </summary>
    private void InputGradientOther(Tensor gradOutput, float[] flipped, float[] padded, Tensor gradInput)
    {
        int m = Margin, h = _h, w = _w, ph = h + 2 * m, pw = w + 2 * m, plane = ph * pw;
        int zw = w + 4 * m, zh = h + 4 * m, zplane = zw * zh;
        var gz = ArrayPool<float>.Shared.Rent(OutChannels * zplane);
        Array.Clear(gz, 0, OutChannels * zplane);
        var gt = new ConvGeometry(OutChannels, InChannels, ph, pw, Kernel, Dilation, zplane, zw, m * zw + m, plane, pw, 0);
        for (int n = 0; n < _n; n++)
        {
            int sample = n;
            PlaneParallel.For(OutChannels, h * w, c =>
            {
                var src = gradOutput.Plane(sample, c);
                var dst = gz.AsSpan(c * zplane, zplane);
                for (int y = 0; y < h; y++) src.Slice(y * w, w).CopyTo(dst.Slice((y + 2 * m) * zw + 2 * m, w));
            });
            var dpad = padded.AsSpan(n * InChannels * plane, InChannels * plane);
            if (_gemmBackward) _gemm!.BackwardDataZeroPadded(gz.AsSpan(0, OutChannels * zplane), flipped.AsSpan(0, Weight.Value.Length), h, w, dpad);
            else DirectConvolution.Forward(gt, gz.AsSpan(0, OutChannels * zplane), flipped.AsSpan(0, Weight.Value.Length), default, dpad, accumulate: false);
            PlaneParallel.For(InChannels, plane, c =>
            {
                var p = padded.AsSpan((sample * InChannels + c) * plane, plane);
                Convolution.Padding.Fold(p, pw, h, w, m, Padding);
                var dst = gradInput.Plane(sample, c);
                for (int y = 0; y < h; y++) p.Slice((y + m) * pw + m, w).CopyTo(dst.Slice(y * w, w));
            });
        }
        ArrayPool<float>.Shared.Return(gz);
    }

    /// <inheritdoc />
    public override void ReleaseCache()
    {
        if (_padded != null) ArrayPool<float>.Shared.Return(_padded);
        _padded = null;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static double Sum(ReadOnlySpan<float> values)
    {
        // Widened to double lanes: as exact as the scalar double sum, without its one-add-per-latency chain.
        int i = 0;
        double s = 0;
        if (Vector512.IsHardwareAccelerated && values.Length >= 16)
        {
            Vector512<double> lo = default, hi = default;
            for (; i + 16 <= values.Length; i += 16)
            {
                var (a, b) = Vector512.Widen(Vector512.Create(values.Slice(i, 16)));
                lo += a;
                hi += b;
            }
            s = Vector512.Sum(lo + hi);
        }
        for (; i < values.Length; i++) s += values[i];
        return s;
    }
}
