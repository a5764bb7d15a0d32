using System.Diagnostics;
using System.Globalization;
using TemKit.Bench.Infrastructure;
using TemKit.IO;

namespace TemKit.Bench.Formats;

/// <summary>
/// Read speed of one 4096 x 4096 uint16 frame into float32: a TIFF (written by tifffile) and a Velox-layout EMD (written by
/// h5py), TemKit's ImageFile.Open + ReadFrame against tifffile.imread / h5py + astype(float32) on the same files
/// (bench/peers/formats_read.py makes the files and times the peers). Files are in the page cache.
/// </summary>
internal sealed class FormatsReadBench : IBench
{
    public string Name => "formats-read";
    public string Description => "4096² uint16 TIFF and Velox EMD frame read into float32: TemKit vs tifffile / h5py";

    public int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        string dir = Directory.CreateTempSubdirectory("temkit-formats-bench-").FullName;
        try
        {
            string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            string peer = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "peers", "formats_read.py"));
            var (code, output) = Run(python, $"\"{peer}\" make \"{dir}\"");
            if (code != 0)
            {
                Console.WriteLine($"formats-read: the peer could not write the test files (needs /usr/bin/python3 with python3-tifffile and python3-h5py): {output}");
                return 1;
            }
            var frame = new float[4096 * 4096];
            double Time(string file) => Timing.MedianSeconds(() =>
            {
                using var source = ImageFile.Open(Path.Combine(dir, file));
                source.ReadFrame(0, frame);
            }, repeats);
            double tTiff = Time("frame.tif"), tEmd = Time("frame.emd");
            var (peerCode, peerOutput) = Run(python, $"\"{peer}\" time \"{dir}\" {repeats}");
            var peers = peerCode == 0
                ? peerOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture))
                : [];
            const double mib = 2.0 * 4096 * 4096 / (1024 * 1024);
            Console.WriteLine($"One 4096x4096 uint16 frame ({mib:F0} MiB) read into float32, median of {repeats} after a warm-up, file in page cache");
            Console.WriteLine();
            Console.WriteLine("| file | TemKit (ms) | peer | peer (ms) |");
            Console.WriteLine("|---|---:|---|---:|");
            Console.WriteLine($"| TIFF (tifffile.imwrite, uncompressed) | {tTiff * 1000:F1} | tifffile.imread + astype(float32) | {(peers.TryGetValue("tifffile", out double a) ? (a * 1000).ToString("F1", CultureInfo.InvariantCulture) : "not run")} |");
            Console.WriteLine($"| Velox-layout EMD (h5py, one chunk) | {tEmd * 1000:F1} | h5py [:, :, 0] + astype(float32) | {(peers.TryGetValue("h5py", out double b) ? (b * 1000).ToString("F1", CultureInfo.InvariantCulture) : "not run")} |");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static (int Code, string Output) Run(string python, string arguments)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
