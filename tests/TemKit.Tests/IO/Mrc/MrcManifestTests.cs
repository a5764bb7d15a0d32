using System.Text.Json;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;

namespace TemKit.Tests.IO.Mrc;

/// <summary>Every file of the shared MRC manifest (written by CCP-EM mrcfile, EMDB, or broken on purpose).</summary>
public class MrcManifestTests
{
    private static readonly Lazy<JsonElement[]> Entries = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(MrcTestFiles.Fixture("manifest.json")));
        return doc.RootElement.GetProperty("files").EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    public static TheoryData<string> ValidFiles() => !SharedData.Available ? new(SharedData.Absent) : new(Entries.Value.Where(e => e.GetProperty("valid").GetBoolean()).Select(e => e.GetProperty("file").GetString()!));

    public static TheoryData<string> BrokenFiles() => !SharedData.Available ? new(SharedData.Absent) : new(Entries.Value.Where(e => !e.GetProperty("valid").GetBoolean()).Select(e => e.GetProperty("file").GetString()!));

    /// <summary>What each broken file's error must say, beyond its name.</summary>
    private static readonly Dictionary<string, string[]> ExpectedProblems = new()
    {
        ["bad_truncated_data.mrc"] = ["data:", "need", "bytes after the headers"],
        ["bad_truncated_header.mrc"] = ["header:", "shorter than the 1024-byte MRC header"],
        ["bad_mode99.mrc"] = ["unsupported MRC mode 99"],
        ["bad_nx0.mrc"] = ["nx: must be positive, header says 0"],
        ["bad_nx_negative.mrc"] = ["nx: must be positive, header says -"],
        ["bad_huge_dims.mrc"] = ["data:", "100000x100000x100000", "4000000000000000 bytes"],
        ["bad_exthdr_too_long.mrc"] = ["nsymbt:", "runs past the end"],
        ["bad_empty.mrc"] = ["empty (0 bytes)"],
        ["bad_not_mrc.mrc"] = ["map:", "expected 'MAP '"],
    };

    [SkippableTheory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFileReadsWithManifestValues(string file)
    {
        var e = Entries.Value.Single(x => x.GetProperty("file").GetString() == file);
        var stack = MrcFile.Read(MrcTestFiles.Fixture(file));
        Assert.Equal(e.GetProperty("nx").GetInt32(), stack.Nx);
        Assert.Equal(e.GetProperty("ny").GetInt32(), stack.Ny);
        Assert.Equal(e.GetProperty("nz").GetInt32(), stack.Nz);
        Assert.Equal(e.GetProperty("dtype").GetString(), stack.Metadata.DataType);
        var kind = e.GetProperty("kind").GetString() switch
        {
            "image" => StackKind.Image,
            "image-stack" => StackKind.ImageStack,
            "volume" => StackKind.Volume,
            _ => StackKind.VolumeStack,
        };
        Assert.Equal(kind, stack.Kind);
        var voxel = e.GetProperty("voxel_size_A").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(voxel[0], stack.VoxelSize.XAngstrom, 1e-5);
        Assert.Equal(voxel[1], stack.VoxelSize.YAngstrom, 1e-5);
        Assert.Equal(voxel[2], stack.VoxelSize.ZAngstrom, 1e-5);

        // Naive float64 statistics over the whole data block, as the manifest's NumPy values were computed.
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (float v in stack.Array) { min = Math.Min(min, v); max = Math.Max(max, v); sum += v; }
        double scale = Math.Max(1, Math.Abs(e.GetProperty("max").GetDouble()));
        Assert.Equal(e.GetProperty("min").GetDouble(), min, 1e-6 * scale);
        Assert.Equal(e.GetProperty("max").GetDouble(), max, 1e-6 * scale);
        Assert.Equal(e.GetProperty("mean").GetDouble(), sum / stack.Array.Length, 1e-6 * scale);
        Assert.Equal(e.GetProperty("sum").GetDouble(), sum, 1e-6 * scale * stack.Array.Length);
        Assert.Equal(e.GetProperty("first").GetDouble(), stack.Array[0], 1e-6 * scale);
        Assert.Equal(e.GetProperty("last").GetDouble(), stack.Array[^1], 1e-6 * scale);
        Assert.Empty(stack.Metadata.Warnings);
    }

    [SkippableTheory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFileIsRefusedNamingFileAndProblem(string file)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<TemKitFormatException>(() => MrcFile.Read(MrcTestFiles.Fixture(file)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith(file + ": ", error.Message);
        foreach (string fragment in ExpectedProblems[file]) Assert.Contains(fragment, error.Message);
        // Refused from the header alone: nothing near the claimed data size was allocated.
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated while refusing {file}");
        Assert.Throws<TemKitFormatException>(() => MrcFile.ReadHeader(MrcTestFiles.Fixture(file)));
    }

    [SkippableFact]
    public void EveryBrokenFileHasAnExpectedProblem()
    {
        SharedData.EnsureAvailable();
        Assert.Equal(BrokenFiles().Cast<object[]>().Select(row => (string)row[0]).Order(), ExpectedProblems.Keys.Order());
    }

    [SkippableFact]
    public void ExtendedHeaderIsSkippedAndLabelsAreRead()
    {
        using var reader = MrcFile.Open(MrcTestFiles.Fixture("exthdr_float32_24.mrc"));
        Assert.Equal(1024, reader.Header.Nsymbt);
        Assert.Equal("FEI1", reader.Header.ExtType);
        Assert.Equal(2048, reader.Header.DataOffset);
        Assert.Empty(reader.Metadata.FrameFields);
        Assert.StartsWith("Created by mrcfile.py", reader.Metadata.Fields["label[0]"]);
        Assert.Equal("FEI1", reader.Metadata.Fields["exttyp"]);
    }

    [SkippableFact]
    public void EmdbMapHeaderFields()
    {
        var h = MrcFile.ReadHeader(MrcTestFiles.Fixture("EMD-3197.map"));
        Assert.Equal((20, 20, 20), (h.Nx, h.Ny, h.Nz));
        Assert.Equal(-2, h.Start.X);
        Assert.Equal(228f, h.CellLengthsAngstrom.X);
        Assert.Equal(1, h.Ispg);
        Assert.False(h.IsBigEndian);
        Assert.Contains("EMD-3197", h.Labels[0]);
        Assert.Equal(0x44, h.MachineStamp[0]);
    }

    [SkippableFact]
    public void BigEndianFixtureIsDetectedFromItsStamp()
    {
        var h = MrcFile.ReadHeader(MrcTestFiles.Fixture("bigendian_float32_32.mrc"));
        Assert.True(h.IsBigEndian);
        Assert.Equal(2, h.Mode);
    }
}
