using System.Numerics.Tensors;

namespace TemKit.Fourier;

/// <summary>Power spectra from the half-complex output of <see cref="IFftProvider.ForwardReal"/>.</summary>
public static class PowerSpectra
{
    /// <summary>
    /// Expands a half-complex spectrum (ny rows of nx/2+1, see <see cref="IFftProvider"/>) into the full centred power
    /// spectrum |F|²: nx*ny values, row-major, DC at pixel (nx/2, ny/2) as after NumPy's fftshift. Columns with
    /// negative kx come from Hermitian symmetry F(-kx,-ky) = conj F(kx,ky). With <paramref name="log"/> the values are
    /// ln(1 + |F|²) instead, the usual display scale. Units: squared units of the transformed image (unnormalised sum).
    /// </summary>
    public static void HalfToCentredFull(ReadOnlySpan<ComplexF> half, int nx, int ny, Span<float> destination, bool log = false)
    {
        FftChecks.Sizes(nx, ny);
        int h = nx / 2 + 1, cx = nx / 2, cy = ny / 2;
        FftChecks.Lengths(half.Length, (long)h * ny, destination.Length, (long)nx * ny);
        for (int y = 0; y < ny; y++)
        {
            int ky = y - cy;
            var row = destination.Slice(y * nx, nx);
            // kx >= 0 at x = cx..nx-1 from row ky; kx < 0 at x = 0..cx-1 from the conjugate row -ky, column -kx.
            var direct = half.Slice(Mod(ky, ny) * h, h);
            var mirror = half.Slice(Mod(-ky, ny) * h, h);
            for (int x = cx; x < nx; x++) row[x] = direct[x - cx].MagnitudeSquared;
            for (int x = 0; x < cx; x++) row[x] = mirror[cx - x].MagnitudeSquared;
            if (log) TensorPrimitives.LogP1(row, row);
        }
    }

    private static int Mod(int k, int n) => ((k % n) + n) % n;
}
