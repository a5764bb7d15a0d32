using TemKit.Imaging;
using TemKit.IO;

namespace TemKit.Pipelines.ParticleAnalysis;

/// <summary>One square crop of a frame around a kept particle.</summary>
/// <param name="Frame">The frame the crop comes from.</param>
/// <param name="Particle">The particle (its track, label, centroid, ratio, zone).</param>
/// <param name="X0Px">Left column of the crop in the frame (px).</param>
/// <param name="Y0Px">Top row of the crop in the frame (px).</param>
/// <param name="SizePx">Side of the crop (px).</param>
public sealed record ParticleCrop(FrameRef Frame, ParticleObservation Particle, int X0Px, int Y0Px, int SizePx);

/// <summary>
/// Square crops around the particles that pass the zone-axis filter, for the atomic-column analysis
/// (<c>temkit columns select/crops.mrc</c>): one crop per passing particle, centred on its centroid and shifted inside
/// the frame, all of one size so they form a stack. Read one frame at a time (a frame with several passing particles is
/// read once).
/// </summary>
public static class ParticleCrops
{
    /// <summary>
    /// The crops of the passing particles of <paramref name="records"/> (frame order, then label order).
    /// <paramref name="sizePx"/> &gt; 0 fixes the side; 0 chooses the smallest multiple of 32 px at least
    /// <paramref name="marginFactor"/> x the largest passing particle's bounding-box side. The side never exceeds the
    /// smallest frame holding a crop.
    /// </summary>
    public static IReadOnlyList<ParticleCrop> Plan(IReadOnlyList<FrameRef> frames, IReadOnlyList<FrameRecord> records, int sizePx, double marginFactor = 1.5)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(records);
        if (sizePx < 0) throw new ArgumentOutOfRangeException(nameof(sizePx), sizePx, "crop size must be ≥ 0 px (0 = automatic)");
        var passing = records.SelectMany(r => r.Particles.Where(p => p.Passes).Select(p => (Frame: frames[r.Frame], Particle: p))).ToList();
        if (passing.Count == 0) return [];
        var sizes = new Dictionary<string, (int Width, int Height)>();
        foreach (string file in passing.Select(p => p.Frame.File).Distinct())
        {
            using var source = ImageFile.Open(file);
            sizes[file] = (source.Width, source.Height);
        }
        int largest = passing.Max(p => Math.Max(p.Particle.Box.Width, p.Particle.Box.Height));
        int side = sizePx > 0 ? sizePx : 32 * (int)Math.Ceiling(marginFactor * largest / 32.0);
        side = Math.Min(side, sizes.Values.Min(s => Math.Min(s.Width, s.Height)));
        return [.. passing.Select(p =>
        {
            var (w, h) = sizes[p.Frame.File];
            int x0 = Math.Clamp((int)Math.Round(p.Particle.CentroidXPx) - side / 2, 0, w - side);
            int y0 = Math.Clamp((int)Math.Round(p.Particle.CentroidYPx) - side / 2, 0, h - side);
            return new ParticleCrop(p.Frame, p.Particle, x0, y0, side);
        })];
    }

    /// <summary>The crops as a stack read frame by frame (e.g. for <see cref="IO.Mrc.MrcFile.Write(string, IFrameSource, IO.Mrc.MrcWriteOptions?)"/>).</summary>
    /// <param name="crops">Crops of one size (from <see cref="Plan"/>).</param>
    /// <param name="pixelSize">Pixel size written in the stack's header.</param>
    public static IFrameSource Stack(IReadOnlyList<ParticleCrop> crops, VoxelSize pixelSize) => new CropSource(crops, pixelSize);

    private sealed class CropSource : IFrameSource
    {
        private readonly IReadOnlyList<ParticleCrop> _crops;
        private IFrameSource? _open;
        private FrameRef? _loaded;
        private float[] _frame = [];

        public CropSource(IReadOnlyList<ParticleCrop> crops, VoxelSize pixelSize)
        {
            ArgumentNullException.ThrowIfNull(crops);
            if (crops.Count == 0) throw new ArgumentException("no crops", nameof(crops));
            if (crops.Any(c => c.SizePx != crops[0].SizePx)) throw new ArgumentException("crops of a stack must have one size", nameof(crops));
            _crops = crops;
            VoxelSize = pixelSize;
        }

        public string Path => _crops[0].Frame.File;
        public int Width => _crops[0].SizePx;
        public int Height => _crops[0].SizePx;
        public int FrameCount => _crops.Count;
        public StackKind Kind => StackKind.ImageStack;
        public VoxelSize VoxelSize { get; }
        public ImageMetadata Metadata { get; } = new();
        public bool IsComplex => false;

        public void ReadFrame(int index, Span<float> destination)
        {
            var c = _crops[index];
            int side = c.SizePx;
            if (destination.Length != side * side) throw new ArgumentException($"destination has {destination.Length} pixels, {side}x{side} expected", nameof(destination));
            if (_loaded != c.Frame)
            {
                if (_open is null || _open.Path != c.Frame.File)
                {
                    _open?.Dispose();
                    _open = ImageFile.Open(c.Frame.File);
                }
                if (_frame.Length != _open.Width * _open.Height) _frame = new float[_open.Width * _open.Height];
                _open.ReadFrame(c.Frame.FrameInFile, _frame);
                _loaded = c.Frame;
            }
            int w = _open!.Width;
            for (int y = 0; y < side; y++)
                _frame.AsSpan((c.Y0Px + y) * w + c.X0Px, side).CopyTo(destination.Slice(y * side, side));
        }

        public void Dispose() => _open?.Dispose();
    }
}
