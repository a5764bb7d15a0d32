namespace TemKit.Fourier;

/// <summary>
/// A 2D discrete Fourier transform backend. One convention for all of TemKit (the same as NumPy and FFTW):
/// <list type="bullet">
/// <item>Arrays are row-major with x fastest: element (x, y) is at y*nx + x.</item>
/// <item>Forward: F(kx,ky) = Σ f(x,y) exp(-2πi (kx x/nx + ky y/ny)), not normalised.</item>
/// <item>Inverse: f(x,y) = 1/(nx ny) Σ F(kx,ky) exp(+2πi (...)), so Inverse(Forward(f)) = f.</item>
/// <item>Real-to-complex output is half-complex: ny rows of nx/2+1 values (kx = 0..nx/2), ky in FFT order
/// (0, 1, ..., then negative frequencies). DC is at index 0; use <see cref="FftShift"/> to centre it.</item>
/// </list>
/// Implementations are thread-safe. The complex transforms may run in place (input and output the same span);
/// inputs are never modified otherwise.
/// </summary>
public interface IFftProvider
{
    /// <summary>Short backend name, e.g. "fftw" or "managed".</summary>
    string Name { get; }

    /// <summary>Real-to-complex forward transform: <paramref name="input"/> nx*ny, <paramref name="output"/> ny*(nx/2+1).</summary>
    void ForwardReal(ReadOnlySpan<float> input, Span<ComplexF> output, int nx, int ny);

    /// <summary>Complex-to-real inverse transform (normalised): <paramref name="input"/> ny*(nx/2+1), <paramref name="output"/> nx*ny.</summary>
    void InverseReal(ReadOnlySpan<ComplexF> input, Span<float> output, int nx, int ny);

    /// <summary>Complex forward transform (not normalised), nx*ny values.</summary>
    void Forward(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny);

    /// <summary>Complex inverse transform (normalised by 1/(nx ny)), nx*ny values.</summary>
    void Inverse(ReadOnlySpan<ComplexF> input, Span<ComplexF> output, int nx, int ny);

    /// <summary>
    /// Adds the power |F|² of the real-to-complex transform of <paramref name="input"/> (nx*ny) to
    /// <paramref name="power"/> (ny*(nx/2+1), half-complex layout), as Welch averaging of tile periodograms needs.
    /// <paramref name="scratch"/> (ny*(nx/2+1)) may be used as work space. The default transforms into the scratch and
    /// then adds; a backend may fuse the two and skip writing the complex spectrum.
    /// </summary>
    void ForwardRealPowerAccumulate(ReadOnlySpan<float> input, Span<ComplexF> scratch, Span<float> power, int nx, int ny)
    {
        FftChecks.Lengths(power.Length, (long)ny * (nx / 2 + 1), scratch.Length, (long)ny * (nx / 2 + 1));
        ForwardReal(input, scratch, nx, ny);
        PowerSpectra.AddPower(scratch, power);
    }

    /// <summary>
    /// As <see cref="ForwardRealPowerAccumulate(ReadOnlySpan{float}, Span{ComplexF}, Span{float}, int, int)"/> with the
    /// input rows produced by <paramref name="rows"/> (thread-safe). The default materialises the image in a pooled
    /// buffer; a backend may ask for the rows as it loads them and never store the image.
    /// </summary>
    void ForwardRealPowerAccumulate(RealRowSource rows, Span<ComplexF> scratch, Span<float> power, int nx, int ny)
    {
        ArgumentNullException.ThrowIfNull(rows);
        FftChecks.Sizes(nx, ny);
        var input = System.Buffers.ArrayPool<float>.Shared.Rent(nx * ny);
        try
        {
            for (int y = 0; y < ny; y++) rows(y, input.AsSpan(y * nx, nx));
            ForwardRealPowerAccumulate(input.AsSpan(0, nx * ny), scratch, power, nx, ny);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(input);
        }
    }
}
