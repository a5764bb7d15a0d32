using TemKit.Neural.Convolution;
using TemKit.Neural.Layers;
using TemKit.Neural.Tensors;

namespace TemKit.Tomography.Interpolation;

/// <summary>
/// A frame interpolator network (issue 17). Input channels: the frame before, the frame after (both mapped with their
/// shared range, <see cref="FrameNormalisation.PairRange"/>) and a constant plane holding the half-gap in degrees divided
/// by <see cref="GapScaleDegrees"/>. Output: one plane, a correction added to the linear average (before + after)/2, so
/// the prediction is average + output. Two layouts (<see cref="InterpolationArchitecture"/>): the fully convolutional
/// residual network, whose last 1×1 layer starts at zero (an untrained network is exactly linear interpolation), and
/// seed 002's convolutional down-sampling + dense model, which predicts the frame itself (its correction is its dense
/// output minus the average). Trained with the mean squared error against the true (normalised) frame.
/// </summary>
public sealed partial class InterpolationNetwork
{
    /// <summary>Input channels: before, after, half-gap plane.</summary>
    public const int InputChannels = 3;

    /// <summary>The half-gap plane holds halfGapDegrees / GapScaleDegrees (so the trained gaps 1-4° give 0.25-1).</summary>
    public const double GapScaleDegrees = 4;

    private readonly Layer[] _layers;

    /// <summary>Builds the network with He-normal weights (from the seed); the residual network's output layer starts at zero.</summary>
    public InterpolationNetwork(InterpolationNetworkParameters settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        var rng = new Random(settings.Seed);
        _layers = settings.Architecture == InterpolationArchitecture.Seed ? SeedLayers(settings, rng) : ResidualLayers(settings, rng);
        Parameters = [.. _layers.SelectMany(l => l.Parameters)];
    }

    /// <summary>The architecture.</summary>
    public InterpolationNetworkParameters Settings { get; }

    /// <summary>All trainable parameters, in checkpoint order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>True when the network predicts the frame itself (the seed model) rather than a correction to the average.</summary>
    public bool PredictsFrame => Settings.Architecture == InterpolationArchitecture.Seed;

    private static Layer[] ResidualLayers(InterpolationNetworkParameters s, Random rng)
    {
        var layers = new List<Layer>();
        for (int l = 0; l < s.Dilations.Count; l++)
        {
            layers.Add(new Conv2d($"conv{l}", l == 0 ? InputChannels : s.Width, s.Width, 3, s.Dilations[l], PaddingMode.Zero, bias: true, rng));
            layers.Add(new PRelu($"act{l}", s.Width));
        }
        var output = new Conv2d("output", s.Width, 1, 1, 1, PaddingMode.Zero, bias: true, rng);
        Array.Clear(output.Weight.Value);
        layers.Add(output);
        return [.. layers];
    }

    private static Layer[] SeedLayers(InterpolationNetworkParameters s, Random rng)
    {
        var layers = new List<Layer>();
        int channels = InputChannels;
        for (int l = 0; l < s.Levels; l++)
        {
            int width = s.Width << l;
            layers.Add(new Conv2d($"down{l}.conv", channels, width, 3, 1, PaddingMode.Zero, bias: true, rng));
            layers.Add(new PRelu($"down{l}.act", width));
            layers.Add(new MaxPool2d());
            channels = width;
        }
        int edge = s.FramePx >> s.Levels;
        layers.Add(new Dense("hidden", channels * edge * edge, s.HiddenUnits, rng));
        layers.Add(new PRelu("hidden.act", s.HiddenUnits));
        layers.Add(new Dense("output", s.HiddenUnits, 1, s.FramePx, s.FramePx, rng));
        return [.. layers];
    }

    /// <summary>Throws unless <paramref name="input"/> is N × 3 × H × W with a frame size this network takes.</summary>
    private void RequireInput(Tensor input)
    {
        if (input.C != InputChannels) throw new ArgumentException($"input {input.ShapeText} must have {InputChannels} channels (before, after, half-gap)", nameof(input));
        if (PredictsFrame && (input.H != Settings.FramePx || input.W != Settings.FramePx))
            throw new ArgumentException($"the seed model takes {Settings.FramePx}x{Settings.FramePx} px frames only (its dense layers fix the size), got {input.W}x{input.H}", nameof(input));
    }

    /// <summary>The correction planes (N × 1 × H × W) for inputs N × 3 × H × W (caller disposes).</summary>
    public Tensor PredictCorrection(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireInput(input);
        var x = input;
        foreach (var layer in _layers)
        {
            var y = layer.Forward(x, training: false);
            if (!ReferenceEquals(x, input)) x.Dispose();
            x = y;
        }
        if (PredictsFrame) SubtractAverage(input, x);
        return x;
    }

    /// <summary>y −= (before + after)/2 for every sample: the seed model's frame as a correction to the average.</summary>
    private static void SubtractAverage(Tensor input, Tensor y)
    {
        for (int n = 0; n < y.N; n++)
        {
            var plane = y.Plane(n, 0);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(input.Plane(n, 0), -0.5f, plane, plane);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(input.Plane(n, 1), -0.5f, plane, plane);
        }
    }
}
