using System.Buffers.Binary;
using System.Diagnostics;
using TemKit.IO;
using TemKit.Tests.Cli;
using Xunit.Abstractions;

namespace TemKit.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of every reader (issue 18, "keep it so"): each valid fixture is mutated (header byte flips,
/// truncations, extreme dimensions, sizes and counts, bad modes and type codes, NaN/Inf data, wrong byte-order marks,
/// appended garbage) and read through <see cref="ImageFile.Open"/>. Every case must end in success or in a
/// <see cref="TemKitFormatException"/> naming the file; never another exception type, never more than a bounded
/// allocation (measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>). Time is measured and reported; only
/// an extreme bound (60 s per case, far above the ~ms a case takes idle; a spectrum-image EMD case took 7 s at load 50) fails,
/// so only a runaway read fails the suite, never a loaded machine.
/// A new reader is one more line in <see cref="Readers"/>.
/// </summary>
public sealed class FormatFuzzTests(ITestOutputHelper output)
{
    /// <summary>A reader under fuzz: its name, the extensions of its fixtures and the folders (below ../shared/data) holding them.</summary>
    public sealed record FuzzedReader(string Name, string[] Extensions, string[] Folders);

    /// <summary>The readers fuzzed. Add a reader with one line.</summary>
    public static readonly FuzzedReader[] Readers =
    [
        new("MRC", [".mrc", ".mrcs", ".map"], ["mrc", "formats/mrc"]),
        new("DM", [".dm3", ".dm4"], ["dm", "formats/dm"]),
        new("TIFF", [".tif", ".tiff"], ["formats/tiff"]),
        new("EMD", [".emd"], ["formats/emd"]),
        new("TIA", [".ser"], ["formats/tia"]),
    ];

    /// <summary>Mutations per fixture file.</summary>
    private const int MutationsPerFile = 48;

    /// <summary>Frames read per case at most (the data path is exercised without reading whole movies).</summary>
    private const int MaxFramesRead = 16;

    public static TheoryData<string> ReaderNames() => new(Readers.Select(r => r.Name));

    [SkippableTheory]
    [MemberData(nameof(ReaderNames))]
    public void MutatedFilesGiveAFormatErrorNamingTheFileOrAnImage(string readerName)
    {
        var reader = Readers.Single(r => r.Name == readerName);
        var fixtures = reader.Folders.Select(f => SharedData.File(f.Split('/'))).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Where(f => reader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(fixtures);
        using var dir = new TempFolder();
        var failures = new List<string>();
        int cases = 0, ok = 0, refused = 0;
        long worstBytes = 0;
        double worstMs = 0;
        foreach (string fixture in fixtures)
        {
            byte[] original = File.ReadAllBytes(fixture);
            if (original.Length < 16) continue; // nothing to mutate (an empty fixture)
            long allowedBytes = 64L * 1024 * 1024 + 8L * original.Length;
            var rng = new Random(StableSeed(Path.GetFileName(fixture)));
            for (int m = 0; m < MutationsPerFile; m++)
            {
                var (bytes, what) = Mutate(original, rng, reader.Name);
                string path = Path.Combine(dir.Root, $"fuzz{cases}{Path.GetExtension(fixture)}");
                File.WriteAllBytes(path, bytes);
                cases++;
                string label = $"{Path.GetFileName(fixture)} [{what}]";
                long before = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                try
                {
                    ReadAll(path);
                    ok++;
                }
                catch (TemKitFormatException e)
                {
                    refused++;
                    if (!e.Message.StartsWith(Path.GetFileName(path), StringComparison.Ordinal)) failures.Add($"{label}: message does not name the file: {e.Message}");
                }
                catch (Exception e)
                {
                    failures.Add($"{label}: {e.GetType().Name}: {e.Message}");
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                worstBytes = Math.Max(worstBytes, allocated);
                worstMs = Math.Max(worstMs, ms);
                if (allocated > allowedBytes) failures.Add($"{label}: allocated {allocated:N0} bytes (bound {allowedBytes:N0})");
                if (ms > 60_000) failures.Add($"{label}: took {ms:F0} ms");
                File.Delete(path);
            }
        }
        output.WriteLine($"{reader.Name}: {fixtures.Count} fixtures, {cases} mutated files: {ok} read, {refused} refused with a format error, " +
                         $"{failures.Count} wrong; worst case {worstBytes:N0} bytes allocated, {worstMs:F0} ms");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases wrong:\n" + string.Join("\n", failures.Take(40)));
    }

    /// <summary>Opens the file and reads up to <see cref="MaxFramesRead"/> frames, as every command does.</summary>
    private static void ReadAll(string path)
    {
        using var source = ImageFile.Open(path);
        if ((long)source.Width * source.Height > 1L << 26) return; // the header's size is checked against the file before any frame is read
        var frame = new float[source.Width * source.Height];
        for (int z = 0; z < Math.Min(source.FrameCount, MaxFramesRead); z++) source.ReadFrame(z, frame);
    }

    private static int StableSeed(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name) hash = (hash ^ c) * 16777619;
        return (int)(hash & 0x7fffffff);
    }

    private static readonly int[] s_extremes = [0, -1, 1, int.MaxValue, int.MinValue, 65536, 1 << 24, 0x7ffffff0, 3, 99];

    /// <summary>One seeded mutation of <paramref name="original"/>, with a short description of it.</summary>
    private static (byte[] Bytes, string What) Mutate(byte[] original, Random rng, string reader)
    {
        var bytes = (byte[])original.Clone();
        int headerSpan = Math.Min(bytes.Length, reader == "MRC" ? 1024 : 4096);
        switch (rng.Next(9))
        {
            case 0:
                {
                    int flips = 1 + rng.Next(4);
                    for (int i = 0; i < flips; i++) bytes[rng.Next(headerSpan)] ^= (byte)(1 + rng.Next(255));
                    return (bytes, $"{flips} header byte flips");
                }
            case 1:
                {
                    int length = rng.Next(bytes.Length);
                    return (bytes[..length], $"truncated to {length} bytes");
                }
            case 2:
                {
                    // An int32 field (MRC: nx, ny, nz, mode, mx..mz, nsymbt; DM: counts, lengths) set to an extreme value, either byte order.
                    int offset = reader == "MRC" ? new[] { 0, 4, 8, 12, 28, 32, 36, 92, 208 }[rng.Next(9)] : rng.Next(Math.Max(1, headerSpan - 4)) & ~3;
                    int value = s_extremes[rng.Next(s_extremes.Length)];
                    bool big = rng.Next(2) == 0;
                    if (offset + 4 <= bytes.Length)
                    {
                        if (big) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset), value);
                        else BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(offset), value);
                    }
                    return (bytes, $"int32 at {offset} = {value} ({(big ? "big" : "little")}-endian)");
                }
            case 3:
                {
                    // A 64-bit size or count (DM4 tag lengths, array counts) set to an extreme value.
                    int offset = rng.Next(Math.Max(1, headerSpan - 8));
                    long value = new[] { long.MaxValue, -1L, 1L << 40, 0L }[rng.Next(4)];
                    if (offset + 8 <= bytes.Length) BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(offset), value);
                    return (bytes, $"int64 at {offset} = {value}");
                }
            case 4:
                {
                    // DM type definitions follow "%%%%": the count of type codes and the codes themselves.
                    var marks = Marks(bytes, "%%%%"u8);
                    if (marks.Count == 0) goto case 0;
                    int at = marks[rng.Next(marks.Count)] + 4 + 4 * rng.Next(4);
                    int value = s_extremes[rng.Next(s_extremes.Length)];
                    if (at + 4 <= bytes.Length) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), value);
                    return (bytes, $"DM type field at {at} = {value}");
                }
            case 5:
                {
                    // Data become NaN or infinite (4-byte words after the header).
                    float bad = rng.Next(2) == 0 ? float.NaN : float.PositiveInfinity;
                    int from = Math.Min(bytes.Length, 1024 + rng.Next(Math.Max(1, bytes.Length - 1024)));
                    int count = Math.Min((bytes.Length - from) / 4, 1 + rng.Next(4096));
                    for (int i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(from + 4 * i), bad);
                    return (bytes, $"{count} words at {from} = {bad}");
                }
            case 6:
                {
                    // Byte-order marks: MRC machine stamp (208..211 "MAP ", 212..215 stamp); DM's little-endian flag word.
                    int offset = reader == "MRC" ? 212 + rng.Next(4) : 8 + rng.Next(8);
                    if (offset < bytes.Length) bytes[offset] = (byte)rng.Next(256);
                    return (bytes, $"byte-order byte at {offset}");
                }
            case 7:
                {
                    int extra = 1 + rng.Next(70_000);
                    var garbage = new byte[extra];
                    rng.NextBytes(garbage);
                    return ([.. bytes, .. garbage], $"{extra} garbage bytes appended");
                }
            default:
                {
                    // A random run of bytes anywhere in the file replaced by random bytes.
                    int at = rng.Next(bytes.Length), length = Math.Min(bytes.Length - at, 1 + rng.Next(64));
                    rng.NextBytes(bytes.AsSpan(at, length));
                    return (bytes, $"{length} random bytes at {at}");
                }
        }
    }

    private static List<int> Marks(byte[] bytes, ReadOnlySpan<byte> mark)
    {
        var list = new List<int>();
        for (int i = bytes.AsSpan().IndexOf(mark); i >= 0 && list.Count < 10_000;)
        {
            list.Add(i);
            int next = bytes.AsSpan(i + 1).IndexOf(mark);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return list;
    }
}
