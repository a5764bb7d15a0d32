using System.Runtime.InteropServices;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>
/// Writes a float32 MRC volume piece by piece, from several threads, without holding it in memory: the file is sized
/// up front and rows are written at their offsets; the header with dmin/dmax/dmean/rms goes in last and the file is
/// renamed into place (<see cref="AtomicFile"/>), so a reader never sees a half-written volume.
/// </summary>
public sealed class MrcVolumeWriter
{
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle;
    private readonly MrcStatistics _stats = new();
    private readonly object _lock = new();

    private MrcVolumeWriter(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int nx, int ny, int nz)
    {
        _handle = handle;
        Nx = nx;
        Ny = ny;
        Nz = nz;
    }

    /// <summary>Columns.</summary>
    public int Nx { get; }

    /// <summary>Rows.</summary>
    public int Ny { get; }

    /// <summary>Sections.</summary>
    public int Nz { get; }

    /// <summary>
    /// Creates <paramref name="path"/> as an nx × ny × nz float32 volume (ispg 1) filled by <paramref name="produce"/>,
    /// which may call <see cref="WriteRows"/> from several threads; every row must be written exactly once.
    /// </summary>
    public static void Write(string path, int nx, int ny, int nz, VoxelSize voxelSize, Action<MrcVolumeWriter> produce, IReadOnlyList<string>? labels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ny);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nz);
        ArgumentNullException.ThrowIfNull(produce);
        AtomicFile.Write(path, stream =>
        {
            var file = (FileStream)stream;
            file.SetLength(MrcHeaderLayout.HeaderBytes + 4L * nx * ny * nz);
            var writer = new MrcVolumeWriter(file.SafeFileHandle, nx, ny, nz);
            produce(writer);
            var options = new MrcWriteOptions(Labels: labels);
            var header = MrcWriter.BuildHeader(nx, ny, nz, MrcMode.Float32, 1, nz, voxelSize, default, writer._stats, options);
            RandomAccess.Write(file.SafeFileHandle, MrcHeaderCodec.Encode(header), 0);
        });
    }

    /// <summary>Writes <paramref name="rows"/> (a whole number of rows of Nx values) into section <paramref name="z"/> from row <paramref name="y0"/>.</summary>
    public void WriteRows(int z, int y0, ReadOnlySpan<float> rows)
    {
        if (rows.Length % Nx != 0) throw new ArgumentException($"{rows.Length} values are not whole rows of {Nx}");
        int count = rows.Length / Nx;
        if ((uint)z >= Nz || y0 < 0 || y0 + count > Ny) throw new ArgumentOutOfRangeException(nameof(z), $"rows {y0}..{y0 + count - 1} of section {z} are outside {Nx}x{Ny}x{Nz}");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("MrcVolumeWriter writes little-endian data on little-endian machines only");
        long offset = MrcHeaderLayout.HeaderBytes + 4L * ((long)z * Ny + y0) * Nx;
        RandomAccess.Write(_handle, MemoryMarshal.AsBytes(rows), offset);
        lock (_lock) _stats.Add(rows);
    }
}
