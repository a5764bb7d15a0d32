using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Bench.Mrc;

/// <summary>
/// MRC read throughput against a raw FileStream read of the same bytes, files in the page cache:
/// a 4096x4096 float32 image and 4096x4096x8 stacks read frame by frame (float32, plus uint16 and
/// float16 to show the cost of conversion).
/// </summary>
internal sealed class MrcReadBench : IBench
{
    public string Name => "mrc";

    public string Description => "MRC read throughput (GB/s) vs a raw FileStream read of the same bytes";

    public int Run(string[] args)
    {
        int size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4096;
        int frames = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        string dir = Path.Combine(Path.GetTempPath(), "temkit-mrc-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine($"MRC read, {size}x{size}, median of 5 after one warm-up read (file in page cache), {Environment.ProcessorCount} cores");
            Console.WriteLine();
            Console.WriteLine("| file | bytes | raw FileStream GB/s | TemKit GB/s | TemKit / raw |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Row(dir, "image float32 (mode 2)", size, 1, MrcMode.Float32);
            Row(dir, $"stack {frames} frames float32 (mode 2), frame by frame", size, frames, MrcMode.Float32);
            Row(dir, $"stack {frames} frames uint16 (mode 6), frame by frame", size, frames, MrcMode.UInt16);
            Row(dir, $"stack {frames} frames float16 (mode 12), frame by frame", size, frames, MrcMode.Float16);
            Console.WriteLine();
            Console.WriteLine($"peak working set {Timing.PeakMiB():F0} MiB");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Row(string dir, string label, int size, int frames, MrcMode mode)
    {
        string path = Path.Combine(dir, $"{mode}_{frames}.mrc");
        var data = new float[(long)size * size * frames];
        var rng = new Random(1);
        for (long i = 0; i < data.LongLength; i++) data[i] = mode == MrcMode.UInt16 ? rng.Next(0, 4096) : (float)rng.NextDouble();
        MrcFile.Write(path, new ImageStack(size, size, frames, data), new MrcWriteOptions(mode));
        long bytes = new FileInfo(path).Length;

        var raw = new byte[MrcModes.RowBytes(mode, size) * size];
        double rawSeconds = Timing.MedianSeconds(() =>
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            fs.ReadExactly(raw.AsSpan(0, 1024));
            for (int z = 0; z < frames; z++) fs.ReadExactly(raw);
        });
        var frame = new float[size * size];
        double temkitSeconds = Timing.MedianSeconds(() =>
        {
            using var reader = MrcFile.Open(path);
            for (int z = 0; z < reader.FrameCount; z++) reader.ReadFrame(z, frame);
        });
        File.Delete(path);
        double rawRate = bytes / rawSeconds / 1e9, temkitRate = bytes / temkitSeconds / 1e9;
        Console.WriteLine($"| {label} | {bytes:N0} | {rawRate:F2} | {temkitRate:F2} | {temkitRate / rawRate:F2} |");
    }
}
