using TemKit.Neural.Layers;
using TemKit.Neural.Models;
using TemKit.Neural.Tensors;

namespace TemKit.Pipelines.Species;

/// <summary>Class probabilities of a multi-channel image through a segmentation network.</summary>
public static class SpeciesInference
{
    /// <summary>Softmax probabilities (Classes planes of width·height) of <paramref name="channels"/> (InputChannels planes, already normalised).</summary>
    public static float[] Probabilities(ISegmentationNetwork network, float[] channels, int width, int height)
    {
        int plane = width * height;
        if (channels.Length != network.InputChannels * plane) throw new ArgumentException($"{channels.Length} values for {network.InputChannels} channels of {width}x{height}");
        if (width % network.SizeMultiple != 0 || height % network.SizeMultiple != 0)
            throw new ArgumentException($"image {width}x{height} must be a multiple of {network.SizeMultiple} px for this {network.Kind}");
        using var x = Tensor.FromSpan(channels, 1, network.InputChannels, height, width);
        using var logits = network.Predict(x);
        var p = new float[network.Classes * plane];
        Activations.Softmax(logits.Span, p, network.Classes, plane);
        return p;
    }
}
