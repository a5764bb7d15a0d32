namespace TemKit.Fourier.Managed;

/// <summary>
/// Moves blocks of up to <see cref="FftPlan1D.Lanes"/> rows or columns between interleaved <see cref="ComplexF"/>
/// images and the batched split layout of <see cref="FftPlan1D"/> (element e of lane b at e*Lanes + b). Unused lanes
/// are zeroed so they never hold stale or non-finite values.
/// </summary>
internal static unsafe class BlockIo
{
    private const int Lanes = FftPlan1D.Lanes;
    private const int Tile = 64; // elements per tile: keeps the 64×16 destination tile in L1 while rows stream through

    /// <summary>Lane b ← row src + b*stride, n complex values.</summary>
    public static void LoadRows(ComplexF* src, nint stride, int count, int n, float* re, float* im)
    {
        for (int x0 = 0; x0 < n; x0 += Tile)
        {
            int x1 = Math.Min(n, x0 + Tile);
            for (int b = 0; b < count; b++)
            {
                ComplexF* row = src + b * stride;
                for (int x = x0; x < x1; x++)
                {
                    re[x * Lanes + b] = row[x].Re;
                    im[x * Lanes + b] = row[x].Im;
                }
            }
        }
        ZeroLanes(count, n, re, im);
    }

    /// <summary>Lane b ← real row src + b*stride, n values, imaginary part zero.</summary>
    public static void LoadRowsReal(float* src, nint stride, int count, int n, float* re, float* im)
    {
        new Span<float>(im, n * Lanes).Clear();
        for (int x0 = 0; x0 < n; x0 += Tile)
        {
            int x1 = Math.Min(n, x0 + Tile);
            for (int b = 0; b < count; b++)
            {
                float* row = src + b * stride;
                for (int x = x0; x < x1; x++) re[x * Lanes + b] = row[x];
            }
        }
        ZeroLanes(count, n, re, im);
    }

    /// <summary>Row dst + b*stride ← scale × lane b, n complex values, for b &lt; count.</summary>
    public static void StoreRows(float* re, float* im, ComplexF* dst, nint stride, int count, int n, float scale)
    {
        for (int x0 = 0; x0 < n; x0 += Tile)
        {
            int x1 = Math.Min(n, x0 + Tile);
            for (int b = 0; b < count; b++)
            {
                ComplexF* row = dst + b * stride;
                for (int x = x0; x < x1; x++)
                    row[x] = new ComplexF(re[x * Lanes + b] * scale, im[x * Lanes + b] * scale);
            }
        }
    }

    /// <summary>Real row dst + b*stride ← scale × Re(lane b), n values, for b &lt; count.</summary>
    public static void StoreRowsReal(float* re, float* dst, nint stride, int count, int n, float scale)
    {
        for (int x0 = 0; x0 < n; x0 += Tile)
        {
            int x1 = Math.Min(n, x0 + Tile);
            for (int b = 0; b < count; b++)
            {
                float* row = dst + b * stride;
                for (int x = x0; x < x1; x++) row[x] = re[x * Lanes + b] * scale;
            }
        }
    }

    /// <summary>Lane b ← column b of the n rows starting at src (row stride <paramref name="stride"/>).</summary>
    public static void LoadColumns(ComplexF* src, nint stride, int count, int n, float* re, float* im)
    {
        for (int y = 0; y < n; y++)
        {
            ComplexF* row = src + y * stride;
            float* r = re + y * Lanes, i = im + y * Lanes;
            for (int b = 0; b < count; b++)
            {
                r[b] = row[b].Re;
                i[b] = row[b].Im;
            }
        }
        ZeroLanes(count, n, re, im);
    }

    /// <summary>Column b of the n rows starting at dst ← scale × lane b, for b &lt; count.</summary>
    public static void StoreColumns(float* re, float* im, ComplexF* dst, nint stride, int count, int n, float scale)
    {
        for (int y = 0; y < n; y++)
        {
            ComplexF* row = dst + y * stride;
            float* r = re + y * Lanes, i = im + y * Lanes;
            for (int b = 0; b < count; b++) row[b] = new ComplexF(r[b] * scale, i[b] * scale);
        }
    }

    private static void ZeroLanes(int count, int n, float* re, float* im)
    {
        if (count == Lanes) return;
        for (int x = 0; x < n; x++)
            for (int b = count; b < Lanes; b++)
            {
                re[x * Lanes + b] = 0;
                im[x * Lanes + b] = 0;
            }
    }
}
