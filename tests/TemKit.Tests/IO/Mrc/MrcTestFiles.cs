using System.Buffers.Binary;
using System.Text;

namespace TemKit.Tests.IO.Mrc;

/// <summary>
/// Builds MRC files byte by byte from the MRC2014 table (offsets written out here, independently of the
/// library's layout), and hands out temporary paths that are deleted afterwards.
/// </summary>
internal sealed class MrcTestFiles : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "temkit-mrc-tests-" + Guid.NewGuid().ToString("N"));

    public MrcTestFiles() => Directory.CreateDirectory(_dir);

    public static string Fixture(string name) => SharedData.File("mrc", name);

    public string PathFor(string name) => Path.Combine(_dir, name);

    public string Create(string name, byte[] bytes)
    {
        string path = PathFor(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>A 1024-byte header: cella = voxel * (nx, ny, nz), mx..mz = nx..nz, machine stamp for the byte order.</summary>
    public static byte[] Header(int nx, int ny, int nz, int mode, bool bigEndian = false, float voxel = 1f, int ispg = 0,
        int nsymbt = 0, string exttyp = "", byte[]? stamp = null, int imodStamp = 0, int imodFlags = 0)
    {
        var h = new byte[1024];
        void I(int offset, int v) { if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(h.AsSpan(offset), v); else BinaryPrimitives.WriteInt32LittleEndian(h.AsSpan(offset), v); }
        void F(int offset, float v) { if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(h.AsSpan(offset), v); else BinaryPrimitives.WriteSingleLittleEndian(h.AsSpan(offset), v); }
        I(0, nx); I(4, ny); I(8, nz); I(12, mode);
        I(28, nx); I(32, ny); I(36, nz);
        F(40, voxel * nx); F(44, voxel * ny); F(48, voxel * nz);
        F(52, 90); F(56, 90); F(60, 90);
        I(64, 1); I(68, 2); I(72, 3);
        F(76, 0); F(80, -1); F(84, -2);
        I(88, ispg); I(92, nsymbt);
        Encoding.ASCII.GetBytes(exttyp).CopyTo(h, 104);
        I(108, 20140);
        I(152, imodStamp); I(156, imodFlags);
        "MAP "u8.CopyTo(h.AsSpan(208));
        (stamp ?? (bigEndian ? [0x11, 0x11, 0, 0] : [0x44, 0x44, 0, 0])).CopyTo(h, 212);
        F(216, -1);
        return h;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Reads the float32 at <paramref name="offset"/> of a file's header, little-endian.</summary>
    public static float HeaderFloat(string path, int offset) => BinaryPrimitives.ReadSingleLittleEndian(File.ReadAllBytes(path).AsSpan(offset));

    public static int HeaderInt(string path, int offset) => BinaryPrimitives.ReadInt32LittleEndian(File.ReadAllBytes(path).AsSpan(offset));
}
