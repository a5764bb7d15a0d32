using TemKit.IO;
using TemKit.Imaging;
using TemKit.Tomography.Projection;

namespace TemKit.Tomography.Reconstruction;

/// <summary>
/// A reconstruction mask (voxels ≠ 0 are reconstructed): either one x–z slice (Width × Thickness image, applied to every
/// slice along the tilt axis) or a whole volume (Width × Height × Thickness, sections along z).
/// </summary>
public sealed class ReconstructionMask
{
    private readonly float[] _data;
    private readonly bool _isSlice;

    private ReconstructionMask(float[] data, bool isSlice, int width, int height, int thickness)
    {
        _data = data;
        _isSlice = isSlice;
        Width = width;
        Height = height;
        Thickness = thickness;
    }

    /// <summary>Reconstruction width (x).</summary>
    public int Width { get; }

    /// <summary>Reconstruction height (y, along the tilt axis).</summary>
    public int Height { get; }

    /// <summary>Reconstruction thickness (z).</summary>
    public int Thickness { get; }

    /// <summary>
    /// Wraps <paramref name="mask"/> for a width × height × thickness reconstruction; any other size throws
    /// <see cref="TemKitFormatException"/> naming <paramref name="source"/> and both sizes.
    /// </summary>
    public static ReconstructionMask From(ImageStack mask, int width, int height, int thickness, string source)
    {
        ArgumentNullException.ThrowIfNull(mask);
        bool slice = mask.Nx == width && mask.Ny == thickness && mask.Nz == 1;
        bool volume = mask.Nx == width && mask.Ny == height && mask.Nz == thickness;
        if (!slice && !volume)
            throw new TemKitFormatException(source, $"mask is {mask.Nx}x{mask.Ny}x{mask.Nz} but the reconstruction needs a {width}x{thickness} slice mask (x, z) or a {width}x{height}x{thickness} volume mask");
        var data = new float[mask.Array.Length];
        for (int i = 0; i < data.Length; i++) data[i] = mask.Array[i] != 0 ? 1 : 0;
        return new ReconstructionMask(data, slice, width, height, thickness);
    }

    /// <summary>Fills the volume slab of rows y0 .. y0 + lanes − 1 (lanes past the last row get 0).</summary>
    public void PackSlab(SliceGeometry g, int y0, Span<float> slab)
    {
        int L = SlabProjector.Lanes, n = Math.Min(L, Height - y0), nx = Width;
        slab.Clear();
        for (int z = 0; z < Thickness; z++)
            for (int x = 0; x < nx; x++)
            {
                int dst = (z * nx + x) * L;
                for (int s = 0; s < n; s++)
                    slab[dst + s] = _isSlice ? _data[z * nx + x] : _data[((long)z * Height + y0 + s) * nx + x];
            }
    }
}
