namespace TemKit.Fourier;

/// <summary>
/// Writes row <paramref name="y"/> (nx values) of a real image into <paramref name="row"/> on demand, so a transform can
/// read its input row by row without the whole image ever being stored (for example a tile cut from a micrograph,
/// cleaned and tapered on the fly). Called from several threads at once for different rows: it must be thread-safe.
/// </summary>
public delegate void RealRowSource(int y, Span<float> row);
