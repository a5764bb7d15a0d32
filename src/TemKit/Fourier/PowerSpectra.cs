using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

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

    /// <summary>power[i] += |spectrum[i]|² (AVX-512 with a scalar tail).</summary>
    public static void AddPower(ReadOnlySpan<ComplexF> spectrum, Span<float> power)
    {
        if (spectrum.Length != power.Length) throw new ArgumentException($"spectrum has {spectrum.Length} values but power has {power.Length}", nameof(power));
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<ComplexF, float>(spectrum);
        int i = 0;
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            ref float src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
            ref float dst = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(power);
            var evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            var swap = Vector512.Create(1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
            for (; i + 16 <= power.Length; i += 16)
            {
                // 16 complex values = two vectors of interleaved (re, im): square, add each lane's neighbour, keep the
                // even lanes of both.
                var a = Vector512.LoadUnsafe(ref src, (nuint)(2 * i));
                var b = Vector512.LoadUnsafe(ref src, (nuint)(2 * i + 16));
                a *= a;
                b *= b;
                a += Vector512.Shuffle(a, swap);
                b += Vector512.Shuffle(b, swap);
                var sum = System.Runtime.Intrinsics.X86.Avx512F.PermuteVar16x32x2(a, evens, b);
                (Vector512.LoadUnsafe(ref dst, (nuint)i) + sum).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < power.Length; i++) power[i] += spectrum[i].MagnitudeSquared;
    }

    private static int Mod(int k, int n) => ((k % n) + n) % n;
}
