namespace TemKit.Imaging;

/// <summary>Whole-image operations that prepare an image for a Fourier transform.</summary>
public static class ImageOperations
{
    /// <summary>The centred square of side min(nx, ny) (a copy with the same pixel size and metadata), so its spectrum
    /// has the same frequency step 1/(n·pixel) along x and y.</summary>
    public static Image2D CentredSquare(Image2D image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int n = Math.Min(image.Width, image.Height);
        int x0 = (image.Width - n) / 2, y0 = (image.Height - n) / 2;
        var square = new Image2D(n, n, image.PixelSize, image.Metadata);
        for (int y = 0; y < n; y++) image.Row(y0 + y).Slice(x0, n).CopyTo(square.Row(y));
        return square;
    }

    /// <summary>Sets NaN/Inf pixels of <paramref name="image"/> in place to the mean of the finite ones (0 if none is
    /// finite), so one bad pixel does not make the whole spectrum NaN; returns how many were replaced.</summary>
    public static int ReplaceNonFinite(Image2D image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var pixels = image.Pixels;
        double sum = 0;
        int finite = 0;
        foreach (float v in pixels)
            if (float.IsFinite(v)) { sum += v; finite++; }
        if (finite == pixels.Length) return 0;
        float fill = finite > 0 ? (float)(sum / finite) : 0f;
        for (int i = 0; i < pixels.Length; i++)
            if (!float.IsFinite(pixels[i])) pixels[i] = fill;
        return pixels.Length - finite;
    }
}
