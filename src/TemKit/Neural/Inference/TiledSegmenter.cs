using TemKit.Neural.Layers;
using TemKit.Neural.Models;
using TemKit.Neural.Tensors;

namespace TemKit.Neural.Inference;

/// <summary>
/// Runs a network over an image of any size in overlapping tiles and blends the tile probabilities with separable
/// Hamming windows w(i) = 0.54 − 0.46·cos(2πi/(T−1)) (paper 003, Fig. 2). Tiles lie on a product grid, so the sum of
/// weights at a pixel is Sy(y)·Sx(x) and only two 1D arrays are needed to normalise: memory is one tile of network
/// buffers plus the output, whatever the image size. Images smaller than a tile are mirrored up to the tile size.
/// </summary>
public sealed class TiledSegmenter
{
    private readonly ISegmentationNetwork _network;

    /// <summary>Prepares tiled inference; the tile size must be a multiple of the network's size multiple.</summary>
    public TiledSegmenter(ISegmentationNetwork network, TilingParameters settings)
    {
        if (settings.TileSize < 1 || settings.TileSize % network.SizeMultiple != 0)
            throw new ArgumentException($"tile size {settings.TileSize} must be a positive multiple of {network.SizeMultiple} for this network");
        if (settings.Overlap < 0 || settings.Overlap >= settings.TileSize)
            throw new ArgumentException($"tile overlap {settings.Overlap} must be in 0..{settings.TileSize - 1}");
        _network = network;
        Settings = settings;
    }

    /// <summary>Tile size and overlap.</summary>
    public TilingParameters Settings { get; }

    /// <summary>Planes written by <see cref="Predict(ReadOnlySpan{float}, int, int, Span{float}, Action?, float, float)"/>: 1 for a binary network, the class count otherwise (probabilities),
    /// or the output channels of a regression network (values).</summary>
    public int OutputPlanes => _network.Classes;

    /// <summary>Number of tiles needed for a width x height image.</summary>
    public int TileCount(int width, int height) => Plan(width).Starts.Length * Plan(height).Starts.Length;

    /// <summary>
    /// Writes per-pixel probabilities (regressed values for a mean-squared-error network) of the image into
    /// <paramref name="probabilities"/> (<see cref="OutputPlanes"/> planes of width·height); calls
    /// <paramref name="tileDone"/> after each tile. The image is one plane (given to every input channel) or one plane
    /// per input channel. The network sees (pixel − <paramref name="inputOffset"/>)·<paramref name="inputScale"/>, so a
    /// caller can normalise without a copy of the image; the defaults pass an already normalised image through unchanged.
    /// </summary>
    public void Predict(ReadOnlySpan<float> image, int width, int height, Span<float> probabilities, Action? tileDone = null, float inputOffset = 0f, float inputScale = 1f)
    {
        int planes = _network.InputChannels > 1 && image.Length == _network.InputChannels * width * height ? _network.InputChannels : 1;
        Span<float> offsets = stackalloc float[planes], scales = stackalloc float[planes];
        offsets.Fill(inputOffset);
        scales.Fill(inputScale);
        Predict(image, width, height, probabilities, offsets, scales, tileDone);
    }

    /// <summary>
    /// As <see cref="Predict(ReadOnlySpan{float}, int, int, Span{float}, Action?, float, float)"/> with a shift and scale
    /// per image plane: plane c is seen as (pixel − <paramref name="inputOffsets"/>[c])·<paramref name="inputScales"/>[c]
    /// (one entry for a single plane given to every channel, one per input channel otherwise), so a standardised image
    /// channel and a constant channel passed through with a fixed scale go in together (<c>ModelInput.Channels</c>).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Predict(ReadOnlySpan<float> image, int width, int height, Span<float> probabilities, ReadOnlySpan<float> inputOffsets, ReadOnlySpan<float> inputScales,
        Action? tileDone = null)
    {
        int classes = _network.Classes, plane = width * height;
        int channels = _network.InputChannels;
        bool perChannel = channels > 1 && image.Length == channels * plane;
        if (image.Length != plane && !perChannel)
            throw new ArgumentException($"image has {image.Length} pixels, {width}x{height} (or {channels} planes of it) expected", nameof(image));
        int planes = perChannel ? channels : 1;
        if (inputOffsets.Length != planes || inputScales.Length != planes)
            throw new ArgumentException($"{inputOffsets.Length} offsets and {inputScales.Length} scales for {planes} image plane(s)", nameof(inputOffsets));
        if (probabilities.Length != classes * plane) throw new ArgumentException("probability span length", nameof(probabilities));
        var px = Plan(width);
        var py = Plan(height);
        probabilities.Clear();
        using var tile = Tensor.Uninitialised(1, _network.InputChannels, py.Size, px.Size);
        using var prob = Tensor.Uninitialised(1, classes, py.Size, px.Size);
        foreach (int y0 in py.Starts)
            foreach (int x0 in px.Starts)
            {
                for (int c = 0; c < planes; c++)
                {
                    var t = tile.Plane(0, c);
                    var src = image.Slice(c * plane, plane);
                    float inputOffset = inputOffsets[c], inputScale = inputScales[c];
                    for (int y = 0; y < py.Size; y++)
                    {
                        int sy = Padding(y0 + y, height);
                        for (int x = 0; x < px.Size; x++) t[y * px.Size + x] = (src[sy * width + Padding(x0 + x, width)] - inputOffset) * inputScale;
                    }
                }
                if (!perChannel)
                    for (int c = 1; c < channels; c++) tile.Plane(0, 0).CopyTo(tile.Plane(0, c));
                using (var logits = _network.Predict(tile))
                {
                    if (!_network.OutputsProbabilities()) logits.Span.CopyTo(prob.Span);
                    else if (classes == 1) Activations.Sigmoid(logits.Span, prob.Span);
                    else Activations.Softmax(logits.Span, prob.Span, classes, py.Size * px.Size);
                }
                int ny = Math.Min(py.Size, height - y0), nx = Math.Min(px.Size, width - x0);
                for (int c = 0; c < classes; c++)
                {
                    var pp = prob.Plane(0, c);
                    var dst = probabilities.Slice(c * plane, plane);
                    for (int y = 0; y < ny; y++)
                    {
                        float wy = py.Window[y];
                        var drow = dst.Slice((y0 + y) * width + x0, nx);
                        var srow = pp.Slice(y * px.Size, nx);
                        for (int x = 0; x < nx; x++) drow[x] += wy * px.Window[x] * srow[x];
                    }
                }
                tileDone?.Invoke();
            }
        for (int c = 0; c < classes; c++)
        {
            var dst = probabilities.Slice(c * plane, plane);
            for (int y = 0; y < height; y++)
            {
                float iy = 1f / py.WeightSum[y];
                var row = dst.Slice(y * width, width);
                for (int x = 0; x < width; x++) row[x] *= iy / px.WeightSum[x];
            }
        }
    }

    private static int Padding(int i, int n) => i < n ? i : Convolution.Padding.Reflect(i, n);

    private sealed record AxisPlan(int Size, int[] Starts, float[] Window, float[] WeightSum);

    private AxisPlan Plan(int n)
    {
        int tileSize = Settings.TileSize, m = _network.SizeMultiple;
        int size = n >= tileSize ? tileSize : (n + m - 1) / m * m;
        int[] starts;
        if (n <= size) starts = [0];
        else
        {
            int count = (int)Math.Ceiling((n - size) / (double)(size - Settings.Overlap)) + 1;
            starts = new int[count];
            for (int i = 0; i < count; i++) starts[i] = (int)Math.Round(i * (double)(n - size) / (count - 1));
        }
        var window = new float[size];
        for (int i = 0; i < size; i++) window[i] = size == 1 ? 1f : (float)(0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (size - 1)));
        var sum = new float[n];
        foreach (int s in starts)
            for (int i = 0; i < size && s + i < n; i++) sum[s + i] += window[i];
        return new AxisPlan(size, starts, window, sum);
    }
}
