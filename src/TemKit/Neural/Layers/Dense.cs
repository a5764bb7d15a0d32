using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Layers;

/// <summary>
/// Fully connected layer: each sample's C·H·W input values, flattened in NCHW order, are mapped to
/// y = W·x + b (W [out][in], b [out]) and the outputs reshaped to <see cref="OutChannels"/> × <see cref="OutHeight"/> ×
/// <see cref="OutWidth"/> (1 × 1 for a plain vector; an image shape for a layer whose output is reshaped into a frame, as
/// in seed 002's interpolation model). He-normal initialisation (std √(2/in)), zero bias.
/// </summary>
public sealed class Dense : Layer
{
    private Tensor? _input;

    /// <summary>Creates the layer for <paramref name="inFeatures"/> inputs per sample and an output of the given shape.</summary>
    public Dense(string name, int inFeatures, int outChannels, int outHeight, int outWidth, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outWidth);
        ArgumentNullException.ThrowIfNull(rng);
        InFeatures = inFeatures;
        (OutChannels, OutHeight, OutWidth) = (outChannels, outHeight, outWidth);
        Weight = new Parameter(name + ".weight", OutFeatures, inFeatures);
        Weight.InitNormal(rng, Math.Sqrt(2.0 / inFeatures));
        Bias = new Parameter(name + ".bias", OutFeatures);
    }

    /// <summary>A layer with a plain vector output (<paramref name="outFeatures"/> × 1 × 1).</summary>
    public Dense(string name, int inFeatures, int outFeatures, Random rng) : this(name, inFeatures, outFeatures, 1, 1, rng)
    {
    }

    /// <summary>Input values per sample (C·H·W of the input).</summary>
    public int InFeatures { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Output rows.</summary>
    public int OutHeight { get; }

    /// <summary>Output columns.</summary>
    public int OutWidth { get; }

    /// <summary>Output values per sample.</summary>
    public int OutFeatures => OutChannels * OutHeight * OutWidth;

    /// <summary>Weights [out][in].</summary>
    public Parameter Weight { get; }

    /// <summary>Bias per output value.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [Weight, Bias];

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.C * input.H * input.W != InFeatures)
            throw new ArgumentException($"input {input.ShapeText} has {input.C * input.H * input.W} values per sample; the layer takes {InFeatures}", nameof(input));
        var output = Tensor.Uninitialised(input.N, OutChannels, OutHeight, OutWidth);
        int n = input.N, outs = OutFeatures, ins = InFeatures;
        float[] w = Weight.Value, b = Bias.Value;
        // One output row of W per work item: its dot products with every sample of the batch.
        Parallel.For(0, Chunks(outs), chunk =>
        {
            var (o0, o1) = Range(chunk, outs);
            for (int o = o0; o < o1; o++)
            {
                var row = w.AsSpan(o * ins, ins);
                for (int s = 0; s < n; s++) output.Buffer[s * outs + o] = TensorPrimitives.Dot(row, input.Buffer.AsSpan(s * ins, ins)) + b[o];
            }
        });
        _input = training ? input : null;
        return output;
    }

    /// <inheritdoc />
    public override Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var input = _input ?? throw new InvalidOperationException("Backward called without a training forward pass");
        int n = input.N, outs = OutFeatures, ins = InFeatures;
        if (gradOutput.Length != n * outs) throw new ArgumentException($"gradient {gradOutput.ShapeText} does not match the output of {n} x {outs}", nameof(gradOutput));
        float[] w = Weight.Value, gw = Weight.Grad, gb = Bias.Grad;
        // ∂L/∂W[o] += Σ_s g[s, o]·x[s]; ∂L/∂b[o] += Σ_s g[s, o] (rows of W are independent: parallel over o).
        Parallel.For(0, Chunks(outs), chunk =>
        {
            var (o0, o1) = Range(chunk, outs);
            for (int o = o0; o < o1; o++)
            {
                var row = gw.AsSpan(o * ins, ins);
                for (int s = 0; s < n; s++)
                {
                    float g = gradOutput.Buffer[s * outs + o];
                    if (g == 0) continue;
                    TensorPrimitives.MultiplyAdd(input.Buffer.AsSpan(s * ins, ins), g, row, row);
                    gb[o] += g;
                }
            }
        });
        // ∂L/∂x[s] = Σ_o g[s, o]·W[o] (samples and slices of the input are independent: parallel over input chunks).
        var gradInput = Tensor.Zeros(input.N, input.C, input.H, input.W);
        Parallel.For(0, Chunks(ins), chunk =>
        {
            var (i0, i1) = Range(chunk, ins);
            for (int s = 0; s < n; s++)
            {
                var gx = gradInput.Buffer.AsSpan(s * ins + i0, i1 - i0);
                for (int o = 0; o < outs; o++)
                {
                    float g = gradOutput.Buffer[s * outs + o];
                    if (g != 0) TensorPrimitives.MultiplyAdd(w.AsSpan(o * ins + i0, i1 - i0), g, gx, gx);
                }
            }
        });
        _input = null;
        return gradInput;
    }

    /// <inheritdoc />
    public override void ReleaseCache() => _input = null;

    private const int ChunkLength = 256;

    private static int Chunks(int length) => (length + ChunkLength - 1) / ChunkLength;

    private static (int Start, int End) Range(int chunk, int length) => (chunk * ChunkLength, Math.Min(length, (chunk + 1) * ChunkLength));
}
