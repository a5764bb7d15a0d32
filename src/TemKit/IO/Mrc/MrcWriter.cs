using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using TemKit.Fourier;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>
/// Writes MRC2014 files atomically: a placeholder header, the data streamed in chunks while their
/// statistics accumulate, then the final header with dmin/dmax/dmean/rms of the values as stored.
/// </summary>
internal static class MrcWriter
{
    /// <summary>Values converted per chunk.</summary>
    private const int ChunkValues = 1 << 18;

    public static void Write(string path, ImageStack stack, MrcWriteOptions options)
    {
        if (options.Mode is not (MrcMode.Float32 or MrcMode.Float16 or MrcMode.UInt16 or MrcMode.Int16 or MrcMode.Int8))
            throw new ArgumentException($"TemKit writes real data as mode 0, 1, 2, 6 or 12, not {options.Mode}; complex data go through WriteComplex", nameof(options));
        var data = stack.Array;
        var (ispg, mz) = SpaceGroup(stack, options);
        if (options.ExtendedHeader is { } ext && options.ExtendedHeaderType.Length != 4)
            throw new ArgumentException($"an extended header needs a four-character exttyp code, got '{options.ExtendedHeaderType}'", nameof(options));
        AtomicFile.Write(path, s =>
        {
            s.Write(new byte[MrcHeaderLayout.HeaderBytes]);
            if (options.ExtendedHeader is { } extended) s.Write(extended);
            var stats = new MrcStatistics();
            var raw = new byte[ChunkValues * MrcModes.SwapUnit(options.Mode)];
            var stored = new float[ChunkValues];
            for (long start = 0; start < data.LongLength; start += ChunkValues)
            {
                int n = (int)Math.Min(ChunkValues, data.LongLength - start);
                var src = data.AsSpan((int)start, n);
                var bytes = raw.AsSpan(0, n * MrcModes.SwapUnit(options.Mode));
                MrcEncode.FromSingle(src, bytes, stored.AsSpan(0, n), options, start);
                stats.Add(options.Mode == MrcMode.Float32 ? src : stored.AsSpan(0, n));
                if (options.BigEndian == BitConverter.IsLittleEndian) MrcConvert.Swap(bytes, options.Mode);
                s.Write(bytes);
            }
            var header = BuildHeader(stack.Nx, stack.Ny, stack.Nz, options.Mode, ispg, mz, stack.VoxelSize, stack.Metadata.OriginAngstrom, stats, options);
            s.Seek(0, SeekOrigin.Begin);
            s.Write(MrcHeaderCodec.Encode(header));
        });
    }

    public static void WriteComplex(string path, ReadOnlySpan<ComplexF> data, int nx, int ny, int nz, VoxelSize voxel, MrcWriteOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ny);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nz);
        if (data.Length != (long)nx * ny * nz) throw new ArgumentException($"data holds {data.Length} values, {nx}x{ny}x{nz} needs {(long)nx * ny * nz}", nameof(data));
        if (options.ExtendedHeader is not null) throw new ArgumentException("complex MRC files are written without an extended header", nameof(options));
        var copy = data.ToArray();
        var kind = nz == 1 ? StackKind.Image : StackKind.Volume;
        AtomicFile.Write(path, s =>
        {
            s.Write(new byte[MrcHeaderLayout.HeaderBytes]);
            var stats = new MrcStatistics();
            var modulus = new float[ChunkValues];
            var raw = new byte[ChunkValues * 8];
            for (int start = 0; start < copy.Length; start += ChunkValues)
            {
                int n = Math.Min(ChunkValues, copy.Length - start);
                var chunk = copy.AsSpan(start, n);
                MrcConvert.Modulus(chunk, modulus);
                stats.Add(modulus.AsSpan(0, n));
                var bytes = raw.AsSpan(0, 8 * n);
                MemoryMarshal.AsBytes(chunk).CopyTo(bytes);
                if (options.BigEndian == BitConverter.IsLittleEndian) MrcConvert.Swap(bytes, MrcMode.Complex64);
                s.Write(bytes);
            }
            var header = BuildHeader(nx, ny, nz, MrcMode.Complex64, kind == StackKind.Image ? 0 : 1, nz, voxel, default, stats, options);
            s.Seek(0, SeekOrigin.Begin);
            s.Write(MrcHeaderCodec.Encode(header));
        });
    }

    /// <summary>ispg and mz: 0 and nz for images and image stacks, 1 and nz for volumes, 401 and the volume depth for volume stacks.</summary>
    private static (int Ispg, int Mz) SpaceGroup(ImageStack stack, MrcWriteOptions options)
    {
        switch (stack.Kind)
        {
            case StackKind.Volume:
                return (1, stack.Nz);
            case StackKind.VolumeStack:
                int depth = options.SectionsPerVolume
                    ?? throw new ArgumentException("a volume stack needs MrcWriteOptions.SectionsPerVolume (mz)", nameof(options));
                if (depth <= 0 || stack.Nz % depth != 0)
                    throw new ArgumentException($"nz = {stack.Nz} is not a whole number of volumes of {depth} sections", nameof(options));
                return (401, depth);
            default:
                return (0, stack.Nz);
        }
    }

    internal static MrcHeader BuildHeader(int nx, int ny, int nz, MrcMode mode, int ispg, int mz, VoxelSize voxel,
        (double X, double Y, double Z) origin, MrcStatistics stats, MrcWriteOptions options)
    {
        var labels = new List<string> { $"Created by TemKit {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC" };
        foreach (string label in options.Labels ?? [])
        {
            if (labels.Count == MrcHeaderLayout.LabelCount) throw new ArgumentException("at most 9 labels fit beside TemKit's own", nameof(options));
            if (label.Length > MrcHeaderLayout.LabelLength || label.Any(c => c is < ' ' or > '~'))
                throw new ArgumentException($"label '{label}' is not at most 80 printable ASCII characters", nameof(options));
            labels.Add(label);
        }
        int nlabl = labels.Count;
        while (labels.Count < MrcHeaderLayout.LabelCount) labels.Add("");
        bool hasData = stats.Min <= stats.Max;
        return new MrcHeader
        {
            Nx = nx, Ny = ny, Nz = nz, Mode = (int)mode,
            Sampling = (nx, ny, mz),
            CellLengthsAngstrom = ((float)(voxel.XAngstrom * nx), (float)(voxel.YAngstrom * ny), (float)(voxel.ZAngstrom * mz)),
            CellAnglesDegrees = (90f, 90f, 90f),
            AxisMap = (1, 2, 3),
            DMin = hasData ? stats.Min : 0, DMax = hasData ? stats.Max : -1, DMean = hasData ? (float)stats.Mean : -2,
            Ispg = ispg, Nsymbt = options.ExtendedHeader?.Length ?? 0, NVersion = 20140,
            ExtType = options.ExtendedHeader is null ? "" : options.ExtendedHeaderType,
            OriginAngstrom = ((float)origin.X, (float)origin.Y, (float)origin.Z),
            Map = "MAP ",
            MachineStamp = options.BigEndian ? ImmutableArray.Create<byte>(0x11, 0x11, 0, 0) : ImmutableArray.Create<byte>(0x44, 0x44, 0, 0),
            Rms = hasData ? (float)stats.Rms : -1,
            NLabl = nlabl,
            Labels = [.. labels],
            IsBigEndian = options.BigEndian,
        };
    }
}
