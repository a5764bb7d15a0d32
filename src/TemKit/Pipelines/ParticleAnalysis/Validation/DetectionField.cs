using TemKit.Imaging;

namespace TemKit.Pipelines.ParticleAnalysis.Validation;

/// <summary>
/// A simulated study frame placed at the centre of a larger field of vacuum for a detector (white Poisson noise at the
/// frame's dose, without the detector's MTF), as the particles of a 4096² frame sit among vacuum and support: a detector
/// that normalises each image by its own statistics is not made for a frame that is nearly all particle. Carries the
/// true particle's area and centroid on the field's grid.
/// </summary>
/// <param name="Image">The field (frame pixels at the centre, with the frame's pixel size).</param>
/// <param name="OffsetXPx">Column of the frame's first pixel in the field.</param>
/// <param name="OffsetYPx">Row of the frame's first pixel in the field.</param>
/// <param name="TrueAreaPx">Pixels of the true mask (≥ 0.5).</param>
/// <param name="TrueCentroidXPx">Centroid of the true mask in the field (px).</param>
/// <param name="TrueCentroidYPx">Centroid of the true mask in the field (px).</param>
public sealed record DetectionField(Image2D Image, int OffsetXPx, int OffsetYPx, double TrueAreaPx, double TrueCentroidXPx, double TrueCentroidYPx)
{
    /// <summary>The field of side max(<paramref name="fieldPx"/>, frame side) around frame <paramref name="f"/>; the
    /// vacuum noise is seeded by the frame's particle, tilt and dose, so the same frame always gets the same field.</summary>
    public static DetectionField Of(TiltStudyImage f, int fieldPx)
    {
        ArgumentNullException.ThrowIfNull(f);
        int w = f.Image.Width, h = f.Image.Height;
        int side = Math.Max(fieldPx, Math.Max(w, h));
        int ox = (side - w) / 2, oy = (side - h) / 2;
        var field = new float[side * side];
        double vacuum = f.DoseElectronsPerAngstrom2 * f.Image.PixelSizeAngstrom * f.Image.PixelSizeAngstrom;
        new Numerics.NoiseRandom(f.Particle, (long)Math.Round(100 * f.TiltDegrees) * 100_000 + (long)f.DoseElectronsPerAngstrom2).FillPoisson(field, vacuum);
        var frame = f.Image.Pixels;
        for (int y = 0; y < h; y++) frame.Slice(y * w, w).CopyTo(field.AsSpan((oy + y) * side + ox, w));
        double area = 0, sx = 0, sy = 0;
        for (int i = 0; i < f.Mask.Length; i++)
        {
            if (f.Mask[i] < 0.5f) continue;
            area++;
            sx += ox + i % w;
            sy += oy + i / w;
        }
        return new DetectionField(new Image2D(side, side, field, f.Image.PixelSize), ox, oy, area,
            area > 0 ? sx / area : double.NaN, area > 0 ? sy / area : double.NaN);
    }

    /// <summary>Index of the centroid nearest the true one within half the true equivalent diameter, or −1.</summary>
    public int Nearest(IReadOnlyList<(double XPx, double YPx)> centroids) => new TrueParticle(TrueAreaPx, TrueCentroidXPx, TrueCentroidYPx).Nearest(centroids);
}
