using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TemKit.Tomography.Projection;

/// <summary>
/// Matched forward projector A and back-projector Aᵀ for parallel-beam single-axis tilt geometry, working on a slab of
/// <see cref="Lanes"/> slices at once. All slices share the geometry, so each voxel–angle pair costs one scalar
/// interpolation weight and one 16-wide vector multiply-add (Vector512, or two Vector256) over the slab's slices.
/// <para>A is pixel-driven with linear interpolation: voxel (x, z) adds (1 − w)·f to detector bin i and w·f to bin
/// i + 1, where i + w = u is its projected position (<see cref="TiltGeometry"/>); a projection value is thus the
/// line integral in voxel units (sum of voxel values along the ray). Aᵀ gathers with the same weights, so
/// ⟨Ax, y⟩ = ⟨x, Aᵀy⟩ exactly up to rounding.</para>
/// <para>Layouts (lane s = slice y0 + s): a volume slab is [(z·Width + x)·Lanes + s]; a sinogram slab is
/// [(a·PaddedRow + 1 + u)·Lanes + s], with one guard bin at each end of every row. Forward writes into the guard bins
/// (their values mean nothing); callers keep guard bins zero in what they back-project.</para>
/// </summary>
public static class SlabProjector
{
    /// <summary>Slices processed together (vector width in floats).</summary>
    public const int Lanes = 16;

    /// <summary>Length of a volume slab for <paramref name="g"/>.</summary>
    public static int VolumeLength(SliceGeometry g) => g.SliceVoxels * Lanes;

    /// <summary>Length of a sinogram slab for <paramref name="g"/>.</summary>
    public static int SinogramLength(SliceGeometry g) => g.AngleCount * g.PaddedRow * Lanes;

    /// <summary>Adds A·<paramref name="volume"/> for angles [<paramref name="firstAngle"/>, <paramref name="endAngle"/>) to <paramref name="sinogram"/>.</summary>
    public static void Forward(SliceGeometry g, ReadOnlySpan<float> volume, Span<float> sinogram, int firstAngle = 0, int endAngle = -1)
    {
        endAngle = Check(g, volume.Length, sinogram.Length, firstAngle, endAngle);
        int nx = g.WidthPx, nd = g.DetectorPx, row = g.PaddedRow;
        var cos = g.Cos;
        float[] baseArray = new float[g.AngleCount];
        ref float v0 = ref MemoryMarshal.GetReference(volume);
        ref float p0 = ref MemoryMarshal.GetReference(sinogram);
        for (int z = 0; z < g.ThicknessPx; z++)
        {
            g.RowBase(z, baseArray);
            for (int x = 0; x < nx; x++)
            {
                nint vi = (nint)(z * nx + x) * Lanes;
                if (Vector512.IsHardwareAccelerated)
                {
                    var f = Vector512.LoadUnsafe(ref v0, (nuint)vi);
                    if (f == Vector512<float>.Zero) continue;
                    for (int a = firstAngle; a < endAngle; a++)
                    {
                        float u = baseArray[a] + x * cos[a];
                        if (!(u >= 0)) continue;
                        int i = (int)u;
                        if (i > nd) continue;
                        float w = u - i;
                        nuint pi = (nuint)((a * row + i) * Lanes);
                        ref float p = ref Unsafe.Add(ref p0, pi);
                        Vector512.StoreUnsafe(Vector512.FusedMultiplyAdd(f, Vector512.Create(1 - w), Vector512.LoadUnsafe(ref p)), ref p);
                        ref float q = ref Unsafe.Add(ref p, Lanes);
                        Vector512.StoreUnsafe(Vector512.FusedMultiplyAdd(f, Vector512.Create(w), Vector512.LoadUnsafe(ref q)), ref q);
                    }
                }
                else
                {
                    var f0 = Vector256.LoadUnsafe(ref v0, (nuint)vi);
                    var f1 = Vector256.LoadUnsafe(ref v0, (nuint)vi + 8);
                    if (f0 == Vector256<float>.Zero && f1 == Vector256<float>.Zero) continue;
                    for (int a = firstAngle; a < endAngle; a++)
                    {
                        float u = baseArray[a] + x * cos[a];
                        if (!(u >= 0)) continue;
                        int i = (int)u;
                        if (i > nd) continue;
                        float w = u - i;
                        var lo = Vector256.Create(1 - w);
                        var hi = Vector256.Create(w);
                        ref float p = ref Unsafe.Add(ref p0, (nuint)((a * row + i) * Lanes));
                        Vector256.StoreUnsafe(Vector256.FusedMultiplyAdd(f0, lo, Vector256.LoadUnsafe(ref p)), ref p);
                        Vector256.StoreUnsafe(Vector256.FusedMultiplyAdd(f1, lo, Vector256.LoadUnsafe(ref p, 8)), ref p, 8);
                        Vector256.StoreUnsafe(Vector256.FusedMultiplyAdd(f0, hi, Vector256.LoadUnsafe(ref p, 16)), ref p, 16);
                        Vector256.StoreUnsafe(Vector256.FusedMultiplyAdd(f1, hi, Vector256.LoadUnsafe(ref p, 24)), ref p, 24);
                    }
                }
            }
        }
    }

    /// <summary>Adds Aᵀ·<paramref name="sinogram"/> for angles [<paramref name="firstAngle"/>, <paramref name="endAngle"/>) to <paramref name="volume"/>.</summary>
    public static void Back(SliceGeometry g, ReadOnlySpan<float> sinogram, Span<float> volume, int firstAngle = 0, int endAngle = -1)
    {
        endAngle = Check(g, volume.Length, sinogram.Length, firstAngle, endAngle);
        int nx = g.WidthPx, nd = g.DetectorPx, row = g.PaddedRow;
        var cos = g.Cos;
        float[] baseArray = new float[g.AngleCount];
        ref float v0 = ref MemoryMarshal.GetReference(volume);
        ref float p0 = ref MemoryMarshal.GetReference(sinogram);
        for (int z = 0; z < g.ThicknessPx; z++)
        {
            g.RowBase(z, baseArray);
            for (int x = 0; x < nx; x++)
            {
                nuint vi = (nuint)((z * nx + x) * Lanes);
                if (Vector512.IsHardwareAccelerated)
                {
                    var acc = Vector512<float>.Zero;
                    for (int a = firstAngle; a < endAngle; a++)
                    {
                        float u = baseArray[a] + x * cos[a];
                        if (!(u >= 0)) continue;
                        int i = (int)u;
                        if (i > nd) continue;
                        float w = u - i;
                        ref float p = ref Unsafe.Add(ref p0, (nuint)((a * row + i) * Lanes));
                        acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p), Vector512.Create(1 - w), acc);
                        acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p, Lanes), Vector512.Create(w), acc);
                    }
                    Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref v0, vi) + acc, ref v0, vi);
                }
                else
                {
                    var acc0 = Vector256<float>.Zero;
                    var acc1 = Vector256<float>.Zero;
                    for (int a = firstAngle; a < endAngle; a++)
                    {
                        float u = baseArray[a] + x * cos[a];
                        if (!(u >= 0)) continue;
                        int i = (int)u;
                        if (i > nd) continue;
                        float w = u - i;
                        var lo = Vector256.Create(1 - w);
                        var hi = Vector256.Create(w);
                        ref float p = ref Unsafe.Add(ref p0, (nuint)((a * row + i) * Lanes));
                        acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p), lo, acc0);
                        acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p, 8), lo, acc1);
                        acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p, 16), hi, acc0);
                        acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref p, 24), hi, acc1);
                    }
                    Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref v0, vi) + acc0, ref v0, vi);
                    Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref v0, vi + 8) + acc1, ref v0, vi + 8);
                }
            }
        }
    }

    /// <summary>Sets the guard bins (first and last of every detector row) of a sinogram slab to zero.</summary>
    public static void ClearGuards(SliceGeometry g, Span<float> sinogram)
    {
        for (int a = 0; a < g.AngleCount; a++)
        {
            sinogram.Slice(a * g.PaddedRow * Lanes, Lanes).Clear();
            sinogram.Slice(((a + 1) * g.PaddedRow - 1) * Lanes, Lanes).Clear();
        }
    }

    private static int Check(SliceGeometry g, int volumeLength, int sinogramLength, int firstAngle, int endAngle)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (volumeLength != VolumeLength(g)) throw new ArgumentException($"volume slab holds {volumeLength} values, the geometry needs {VolumeLength(g)}");
        if (sinogramLength != SinogramLength(g)) throw new ArgumentException($"sinogram slab holds {sinogramLength} values, the geometry needs {SinogramLength(g)}");
        if (endAngle < 0) endAngle = g.AngleCount;
        if (firstAngle < 0 || firstAngle > endAngle || endAngle > g.AngleCount)
            throw new ArgumentOutOfRangeException(nameof(firstAngle), $"angle range [{firstAngle}, {endAngle}) is outside 0..{g.AngleCount}");
        return endAngle;
    }
}
