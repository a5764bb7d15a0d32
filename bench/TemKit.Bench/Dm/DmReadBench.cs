using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using TemKit.Bench.Infrastructure;
using TemKit.Imaging;
using TemKit.IO.Dm;

namespace TemKit.Bench.Dm;

/// <summary>
/// DM4 read throughput: TemKit streaming a uint16 stack frame by frame into float32, against a raw
/// read of the same bytes and numpy.fromfile + astype(float32) (what HyperSpy does with the pixels).
/// </summary>
internal sealed class DmReadBench : IBench
{
    public string Name => "dm-read";
    public string Description => "DM4 uint16 stack read: TemKit frames vs raw bytes vs numpy.fromfile";

    public int Run(string[] args)
    {
        int nx = 4096, ny = 4096, nz = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
        string path = Path.Combine(Path.GetTempPath(), $"temkit-dm-bench-{Environment.ProcessId}.dm4");
        try
        {
            long dataOffset = WriteStack(path, nx, ny, nz);
            long bytes = 2L * nx * ny * nz;

            var frame = new float[nx * ny];
            double tFrames = Timing.MedianSeconds(() =>
            {
                using var source = DmFile.Open(path);
                for (int z = 0; z < source.FrameCount; z++) source.ReadFrame(z, frame);
            });
            double peak = Timing.PeakMiB();
            var raw = new byte[bytes];
            double tRaw = Timing.MedianSeconds(() =>
            {
                using var h = File.OpenHandle(path);
                RandomAccess.Read(h, raw, dataOffset);
            });
            raw = [];
            GC.Collect();

            double tAll = Timing.MedianSeconds(() => DmFile.Read(path));

            string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            string peer = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "peers", "dm_read.py");
            double? tNumpy = RunPeer(python, Path.GetFullPath(peer), $"\"{path}\" {dataOffset} {(long)nx * ny * nz} <u2 5");

            double mib = bytes / (1024.0 * 1024.0);
            Console.WriteLine($"DM4 {nx}x{ny}x{nz} uint16 ({mib:F0} MiB of pixels, file in page cache), median of 5");
            Console.WriteLine();
            Console.WriteLine("| reader | time (ms) | MiB/s |");
            Console.WriteLine("|---|---:|---:|");
            Row("raw read of the pixel bytes (no conversion)", tRaw, mib);
            Row("TemKit DmFile.Open + ReadFrame per frame (float32)", tFrames, mib);
            Row("TemKit DmFile.Read (whole stack, float32)", tAll, mib);
            if (tNumpy is { } t) Row("numpy.fromfile + astype(float32)", t, mib);
            else Console.WriteLine("| numpy peer | not run (python3 with numpy not found) | |");
            Console.WriteLine();
            Console.WriteLine($"Peak working set of the frame-by-frame reads (measured before the others): {peak:F0} MiB, for a {mib:F0} MiB stack (one {nx * ny * 4 / (1024.0 * 1024.0):F0} MiB float32 frame + runtime).");
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Row(string name, double seconds, double mib) =>
        Console.WriteLine($"| {name} | {seconds * 1000:F1} | {mib / seconds:F0} |");

    private static double? RunPeer(string python, string script, string arguments)
    {
        if (!File.Exists(script)) return null;
        try
        {
            using var p = Process.Start(new ProcessStartInfo(python, $"\"{script}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? double.Parse(output.Trim(), CultureInfo.InvariantCulture) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Writes a little-endian DM4 file holding one uint16 nx*ny*nz image; returns the pixel data offset.</summary>
    private static long WriteStack(string path, int nx, int ny, int nz)
    {
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        var head = new MemoryStream();
        void Be(long v, int n) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); head.Write(b[(8 - n)..]); }
        void Name(byte kind, string name) { head.WriteByte(kind); Be(name.Length, 2); head.Write(Encoding.ASCII.GetBytes(name)); }
        void Group(int count) { head.WriteByte(0); head.WriteByte(1); Be(count, 8); }
        void UInt32(string name, uint value)
        {
            Name(21, name); Be(4 + 8 + 8 + 4, 8); head.Write("%%%%"u8); Be(1, 8); Be(5, 8);
            Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, value); head.Write(b);
        }
        long pixels = (long)nx * ny * nz;
        // Tag lengths are written for the pixel tag only; the group lengths are left to be patched by content size.
        Be(4, 4); Be(0, 8); Be(1, 4);
        Group(1);
        Name(20, "ImageList"); long imageListLength = head.Position; Be(0, 8); Group(1);
        Name(20, ""); long imageLength = head.Position; Be(0, 8); Group(1);
        Name(20, "ImageData"); long imageDataLength = head.Position; Be(0, 8); Group(3);
        UInt32("DataType", 10);
        Name(20, "Dimensions"); Be(2 + 8 + 3 * (1 + 2 + 8 + 4 + 8 + 8 + 4), 8); Group(3);
        UInt32("", (uint)nx); UInt32("", (uint)ny); UInt32("", (uint)nz);
        Name(21, "Data"); Be(4 + 8 + 3 * 8 + 2 * pixels, 8); head.Write("%%%%"u8); Be(3, 8); Be(20, 8); Be(4, 8); Be(pixels, 8);
        long dataOffset = head.Position;
        long end = dataOffset + 2 * pixels;
        var bytes = head.ToArray();
        void Patch(long at) => BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan((int)at), end - (at + 8));
        Patch(imageListLength); Patch(imageLength); Patch(imageDataLength);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(4), end - 16);
        f.Write(bytes);
        var row = new byte[2 * nx];
        var rng = new Random(7);
        for (long r = 0; r < (long)ny * nz; r++)
        {
            rng.NextBytes(row);
            f.Write(row);
        }
        f.Write(new byte[8]);
        return dataOffset;
    }
}
