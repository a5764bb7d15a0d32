using TemKit.Neural.Tensors;

namespace TemKit.Neural.Models;

/// <summary>
/// Mixed-Scale Dense network (Pelt &amp; Sethian 2018) implemented the memory-lean way: one feature buffer of
/// (inputs + depth·width) reflect-padded channel planes that every layer reads in place and appends its own channels
/// to, and, for training, one gradient buffer of the same shape walked backwards layer by layer. No concatenated copies
/// are ever made, so memory grows linearly with depth. Batches are processed one sample at a time through the same buffers.
/// </summary>
public sealed partial class MsdNet : ISegmentationNetwork
{
    private readonly Parameter[] _weights;
    private readonly Parameter[] _biases;
    private float[]? _features, _gradients, _scratch;
    private int _bufferH, _bufferW;

    /// <summary>Builds the network; dilations and initial weights come from <see cref="MsdNetParameters.Seed"/>.</summary>
    public MsdNet(MsdNetParameters settings)
    {
        settings.Validate();
        Settings = settings;
        var rng = new Random(settings.Seed);
        Dilations = new int[settings.Depth];
        for (int i = 0; i < settings.Depth; i++) Dilations[i] = rng.Next(1, settings.MaxDilation + 1);
        int k = settings.KernelSize, w = settings.Width;
        _weights = new Parameter[settings.Depth];
        _biases = new Parameter[settings.Depth];
        var all = new List<Parameter>();
        for (int i = 0; i < settings.Depth; i++)
        {
            int cin = LayerInputs(i);
            _weights[i] = new Parameter($"layer{i}.weight", w, cin, k, k);
            _weights[i].InitNormal(rng, Math.Sqrt(2.0 / (cin * k * k)));
            _biases[i] = new Parameter($"layer{i}.bias", w);
            all.Add(_weights[i]);
            all.Add(_biases[i]);
        }
        OutputWeight = new Parameter("output.weight", settings.Classes, TotalChannels, 1, 1);
        OutputWeight.InitNormal(rng, Math.Sqrt(1.0 / TotalChannels));
        OutputBias = new Parameter("output.bias", settings.Classes);
        all.Add(OutputWeight);
        all.Add(OutputBias);
        Parameters = all;
        Margin = settings.KernelSize / 2 * settings.MaxDilation;
    }

    /// <summary>The architecture settings.</summary>
    public MsdNetParameters Settings { get; }

    /// <summary>Dilation of each layer, drawn uniformly from 1..MaxDilation with the seed.</summary>
    public int[] Dilations { get; }

    /// <summary>Weights [classes][channels] of the final 1x1 layer.</summary>
    public Parameter OutputWeight { get; }

    /// <summary>Bias of the final 1x1 layer.</summary>
    public Parameter OutputBias { get; }

    /// <summary>Reflect margin kept around every plane of the feature buffer, (K/2)·MaxDilation pixels.</summary>
    public int Margin { get; }

    /// <summary>Input channels plus all layer outputs.</summary>
    public int TotalChannels => Settings.InputChannels + Settings.Depth * Settings.Width;

    /// <inheritdoc />
    public string Kind => "msd";

    /// <inheritdoc />
    public int InputChannels => Settings.InputChannels;

    /// <inheritdoc />
    public int Classes => Settings.Classes;

    /// <inheritdoc />
    public Losses.LossKind Loss => Settings.Loss;

    /// <inheritdoc />
    public float[]? ClassWeights { get; set; }

    /// <inheritdoc />
    public int SizeMultiple => 1;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Number of channels layer <paramref name="i"/> reads (the input and all earlier layers).</summary>
    public int LayerInputs(int i) => Settings.InputChannels + i * Settings.Width;

    /// <summary>Bytes held by the feature, gradient and scratch buffers right now.</summary>
    public long BufferBytes => 4L * ((_features?.Length ?? 0) + (_gradients?.Length ?? 0) + (_scratch?.Length ?? 0));

    /// <summary>Frees the feature and gradient buffers (they are reallocated on the next call).</summary>
    public void ReleaseBuffers()
    {
        _features = _gradients = _scratch = null;
        _bufferH = _bufferW = 0;
    }

    private int PaddedWidth => _bufferW + 2 * Margin;
    private int PaddedPlane => (_bufferH + 2 * Margin) * PaddedWidth;
    private int ScratchWidth => _bufferW + 4 * Margin;
    private int ScratchPlane => (_bufferH + 4 * Margin) * ScratchWidth;

    private void EnsureBuffers(int h, int w, bool training)
    {
        if (h != _bufferH || w != _bufferW)
        {
            ReleaseBuffers();
            _bufferH = h;
            _bufferW = w;
            _features = new float[(long)TotalChannels * PaddedPlane > int.MaxValue
                ? throw new ArgumentException($"a {w}x{h} image is too large for one MSD buffer; use tiled inference")
                : TotalChannels * PaddedPlane];
        }
        if (training && _gradients == null)
        {
            _gradients = new float[TotalChannels * PaddedPlane];
            _scratch = new float[Settings.Width * ScratchPlane];
        }
    }
}
