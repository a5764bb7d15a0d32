namespace TemKit.Fourier;

/// <summary>Centring helpers: move the zero frequency between index 0 and index (n/2) along each axis (NumPy fftshift/ifftshift).</summary>
public static class FftShift
{
    /// <summary>Copies <paramref name="source"/> (nx*ny, FFT order) to <paramref name="destination"/> with DC at (nx/2, ny/2).</summary>
    public static void Shift<T>(ReadOnlySpan<T> source, Span<T> destination, int nx, int ny) => Roll(source, destination, nx, ny, nx / 2, ny / 2);

    /// <summary>Inverse of <see cref="Shift{T}"/>: DC from (nx/2, ny/2) back to (0, 0).</summary>
    public static void Unshift<T>(ReadOnlySpan<T> source, Span<T> destination, int nx, int ny) => Roll(source, destination, nx, ny, (nx + 1) / 2, (ny + 1) / 2);

    private static void Roll<T>(ReadOnlySpan<T> source, Span<T> destination, int nx, int ny, int sx, int sy)
    {
        if (source.Length != nx * ny || destination.Length != nx * ny)
            throw new ArgumentException($"expected {nx * ny} values");
        if (source.Overlaps(destination))
            throw new ArgumentException("FftShift cannot run in place");
        for (int y = 0; y < ny; y++)
        {
            var src = source.Slice(y * nx, nx);
            var dst = destination.Slice(((y + sy) % ny) * nx, nx);
            src[..(nx - sx)].CopyTo(dst[sx..]);
            src[(nx - sx)..].CopyTo(dst[..sx]);
        }
    }

    /// <summary>Signed frequency index of FFT bin <paramref name="k"/> of an n-point transform , as NumPy fftfreq(n)*n.</summary>
    public static int SignedIndex(int k, int n) => k < (n + 1) / 2 ? k : k - n;
}
