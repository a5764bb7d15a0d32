using TemKit.Imaging;

namespace TemKit.Pipelines.ParticleAnalysis.Validation;

/// <summary>One simulated particle image (e.g. <c>temkit simulate particle</c>'s image.mrc) with its true mask, to paste into a field.</summary>
/// <param name="Image">The detected particle image (with its pixel size).</param>
/// <param name="Mask">The true particle mask (≥ 0.5 = particle), same size.</param>
/// <param name="XPx">Column of the image's first pixel in the field.</param>
/// <param name="YPx">Row of the image's first pixel in the field.</param>
public sealed record ParticleTile(Image2D Image, float[] Mask, int XPx, int YPx);

/// <summary>A true particle: its mask's area and centroid.</summary>
/// <param name="AreaPx">Pixels of the true mask.</param>
/// <param name="CentroidXPx">Centroid column (px).</param>
/// <param name="CentroidYPx">Centroid row (px).</param>
public sealed record TrueParticle(double AreaPx, double CentroidXPx, double CentroidYPx)
{
    /// <summary>Index of the centroid nearest this particle's within half its equivalent diameter (√(area/π)), or −1:
    /// how a detected particle is matched to the truth.</summary>
    public int Nearest(IReadOnlyList<(double XPx, double YPx)> centroids)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        int best = -1;
        double bestDistance = AreaPx > 0 ? Math.Sqrt(AreaPx / Math.PI) : 0;
        for (int k = 0; k < centroids.Count; k++)
        {
            double d = Math.Sqrt(Math.Pow(centroids[k].XPx - CentroidXPx, 2) + Math.Pow(centroids[k].YPx - CentroidYPx, 2));
            if (d < bestDistance) { best = k; bestDistance = d; }
        }
        return best;
    }
}

/// <summary>A multi-particle frame with its truth: the field and a label image (particle k = k + 1 where its mask is set).</summary>
/// <param name="Frame">The composed frame.</param>
/// <param name="TrueLabels">0 = no particle, k + 1 = particle k's true mask (row-major, frame size).</param>
/// <param name="Particles">The true particles in tile order (area and centroid of each label).</param>
public sealed record ParticleFieldFrame(Image2D Frame, float[] TrueLabels, IReadOnlyList<TrueParticle> Particles);

/// <summary>
/// Composes a multi-particle frame from simulated particle images: a field of vacuum (white Poisson noise at the
/// dose, as <see cref="DetectionField"/>) with each tile pasted at its position, and the true label image. Tiles must
/// lie inside the field and not overlap.
/// </summary>
public static class ParticleField
{
    /// <summary>The <paramref name="widthPx"/> x <paramref name="heightPx"/> frame with <paramref name="tiles"/> pasted in;
    /// the vacuum noise at <paramref name="doseElectronsPerAngstrom2"/> is seeded by <paramref name="seed"/>.</summary>
    public static ParticleFieldFrame Compose(IReadOnlyList<ParticleTile> tiles, int widthPx, int heightPx, double doseElectronsPerAngstrom2, int seed)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0) throw new ArgumentException("no particle tiles", nameof(tiles));
        if (widthPx < 1 || heightPx < 1) throw new ArgumentException($"field must be at least 1x1 px, got {widthPx}x{heightPx}");
        if (!(doseElectronsPerAngstrom2 > 0)) throw new ArgumentException($"dose must be > 0 e/Å², got {doseElectronsPerAngstrom2}");
        var pixel = tiles[0].Image.PixelSize;
        var field = new float[widthPx * heightPx];
        var labels = new float[widthPx * heightPx];
        double vacuum = doseElectronsPerAngstrom2 * pixel.XAngstrom * pixel.XAngstrom;
        new Numerics.NoiseRandom(seed, 0).FillPoisson(field, vacuum);
        for (int k = 0; k < tiles.Count; k++)
        {
            var (image, mask, x0, y0) = (tiles[k].Image, tiles[k].Mask, tiles[k].XPx, tiles[k].YPx);
            int w = image.Width, h = image.Height;
            if (mask.Length != w * h) throw new ArgumentException($"tile {k}: mask has {mask.Length} pixels, the image {w}x{h}");
            if (x0 < 0 || y0 < 0 || x0 + w > widthPx || y0 + h > heightPx) throw new ArgumentException($"tile {k} ({w}x{h} px at {x0}, {y0}) does not fit the {widthPx}x{heightPx} px field");
            if (Math.Abs(image.PixelSize.XAngstrom - pixel.XAngstrom) > 1e-9 * pixel.XAngstrom) throw new ArgumentException($"tile {k}: pixel size {image.PixelSize.XAngstrom} Å differs from tile 0's {pixel.XAngstrom} Å");
            var pixels = image.Pixels;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    int i = (y0 + y) * widthPx + x0 + x;
                    if (labels[i] != 0) throw new ArgumentException($"tile {k} overlaps another particle at ({x0 + x}, {y0 + y})");
                    field[i] = pixels[y * w + x];
                    if (mask[y * w + x] >= 0.5f) labels[i] = k + 1;
                }
        }
        var area = new double[tiles.Count];
        var sx = new double[tiles.Count];
        var sy = new double[tiles.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            int k = (int)labels[i] - 1;
            if (k < 0) continue;
            area[k]++;
            sx[k] += i % widthPx;
            sy[k] += i / widthPx;
        }
        var particles = Enumerable.Range(0, tiles.Count).Select(k => new TrueParticle(area[k], sx[k] / area[k], sy[k] / area[k])).ToList();
        return new ParticleFieldFrame(new Image2D(widthPx, heightPx, field, pixel), labels, particles);
    }
}
