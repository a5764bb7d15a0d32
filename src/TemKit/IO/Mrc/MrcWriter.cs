using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>Minimal MRC2014 writer (mode 2 and mode 4, little-endian); to be completed.</summary>
internal static class MrcWriter
{
    public static void Write(string path, ImageStack stack)
    {
        var data = stack.Array;
        AtomicFile.Write(path, s =>
        {
            s.Write(Header(stack.Nx, stack.Ny, stack.Nz, 2, stack.VoxelSize, data));
            s.Write(MemoryMarshal.AsBytes(data.AsSpan()));
        });
    }

    public static void WriteComplex(string path, ReadOnlySpan<ComplexF> data, int nx, int ny, int nz, VoxelSize voxel)
    {
        var copy = data.ToArray();
        var moduli = new float[copy.Length];
        for (int i = 0; i < copy.Length; i++) moduli[i] = copy[i].Magnitude;
        AtomicFile.Write(path, s =>
        {
            s.Write(Header(nx, ny, nz, 4, voxel, moduli));
            s.Write(MemoryMarshal.AsBytes(copy.AsSpan()));
        });
    }

    private static byte[] Header(int nx, int ny, int nz, int mode, VoxelSize voxel, ReadOnlySpan<float> values)
    {
        var h = new byte[1024];
        var s = h.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, nx);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], ny);
        BinaryPrimitives.WriteInt32LittleEndian(s[8..], nz);
        BinaryPrimitives.WriteInt32LittleEndian(s[12..], mode);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], nx);
        BinaryPrimitives.WriteInt32LittleEndian(s[32..], ny);
        BinaryPrimitives.WriteInt32LittleEndian(s[36..], nz);
        BinaryPrimitives.WriteSingleLittleEndian(s[40..], (float)(voxel.XAngstrom * nx));
        BinaryPrimitives.WriteSingleLittleEndian(s[44..], (float)(voxel.YAngstrom * ny));
        BinaryPrimitives.WriteSingleLittleEndian(s[48..], (float)(voxel.ZAngstrom * nz));
        BinaryPrimitives.WriteSingleLittleEndian(s[52..], 90f);
        BinaryPrimitives.WriteSingleLittleEndian(s[56..], 90f);
        BinaryPrimitives.WriteSingleLittleEndian(s[60..], 90f);
        BinaryPrimitives.WriteInt32LittleEndian(s[64..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(s[68..], 2);
        BinaryPrimitives.WriteInt32LittleEndian(s[72..], 3);
        BinaryPrimitives.WriteSingleLittleEndian(s[76..], System.Numerics.Tensors.TensorPrimitives.Min(values));
        BinaryPrimitives.WriteSingleLittleEndian(s[80..], System.Numerics.Tensors.TensorPrimitives.Max(values));
        BinaryPrimitives.WriteSingleLittleEndian(s[84..], System.Numerics.Tensors.TensorPrimitives.Sum(values) / values.Length);
        "MAP "u8.CopyTo(s[208..]);
        s[212] = 0x44; s[213] = 0x44;
        BinaryPrimitives.WriteInt32LittleEndian(s[104..], 20140);
        return h;
    }
}
