using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using TemKit.IO;
using TemKit.IO.Dm;

namespace TemKit.Tests.IO.Dm;

/// <summary>Every fixture read by TemKit must give the values HyperSpy read (manifest.json).</summary>
public class DmManifestTests
{
    internal static string FixtureDir => SharedData.File("dm");

    private static JsonElement[]? _entries;

    private static JsonElement[] Entries => _entries ??= LoadManifest();

    private static JsonElement[] LoadManifest()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDir, "manifest.json")));
        return doc.RootElement.GetProperty("files").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (!SharedData.Available) { data.Add(SharedData.Absent); return data; }
        foreach (var e in Entries) data.Add(e.GetProperty("file").GetString()!);
        return data;
    }

    private static JsonElement Entry(string file) => Entries.Single(e => e.GetProperty("file").GetString() == file);

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    // Independent of the reader's own table: Å per unit for the units the fixtures use.
    private static double? AngstromPer(string units) => units switch { "nm" => 10, "µm" => 1e4, "Å" => 1, _ => null };

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void FixtureIsTheManifestedFile(string file)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(FixtureDir, file))));
        Assert.Equal(Entry(file).GetProperty("sha256").GetString(), hash);
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void ShapeTypeAndCalibrationMatchHyperSpy(string file)
    {
        var e = Entry(file);
        using var source = ImageFile.Open(Path.Combine(FixtureDir, file));
        var shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).Reverse().ToArray(); // x, y, z
        Assert.Equal(shape[0], source.Width);
        Assert.Equal(shape[1], source.Height);
        Assert.Equal(shape.Length > 2 ? shape[2] : 1, source.FrameCount);
        Assert.Equal(e.GetProperty("dtype").GetString(), source.Metadata.DataType);
        Assert.Equal(file.EndsWith(".dm4") ? "DM4" : "DM3", source.Metadata.Format);
        Assert.Equal(e.GetProperty("dtype").GetString()!.StartsWith("complex"), source.IsComplex);

        var fields = source.Metadata.Fields;
        foreach (var axis in e.GetProperty("axes").EnumerateArray())
        {
            string name = axis.GetProperty("name").GetString()!;
            double scale = axis.GetProperty("scale").GetDouble();
            double offset = axis.GetProperty("offset").GetDouble();
            string units = axis.GetProperty("units").GetString()!;
            Assert.Equal(axis.GetProperty("size").GetInt32().ToString(CultureInfo.InvariantCulture), fields[$"axis.{name}.size"]);
            Assert.Equal(scale, double.Parse(fields[$"axis.{name}.scale"], CultureInfo.InvariantCulture), 1e-9);
            Assert.Equal(offset, double.Parse(fields[$"axis.{name}.offset"], CultureInfo.InvariantCulture), 1e-7);
            Assert.Equal(units, fields[$"axis.{name}.units"]);

            double expectedA = AngstromPer(units) is { } a ? scale * a : 0;
            double actualA = name switch { "x" => source.VoxelSize.XAngstrom, "y" => source.VoxelSize.YAngstrom, _ => source.VoxelSize.ZAngstrom };
            Assert.Equal(expectedA, actualA, 1e-9);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void PixelStatisticsMatchHyperSpy(string file)
    {
        var e = Entry(file);
        using var source = DmFile.Open(Path.Combine(FixtureDir, file));
        var frame = new float[source.Width * source.Height];
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, first = double.NaN, last = 0;
        long count = 0;
        for (int z = 0; z < source.FrameCount; z++)
        {
            source.ReadFrame(z, frame);
            foreach (float v in frame)
            {
                if (count == 0) first = v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
                last = v;
                count++;
            }
        }
        Assert.Equal(e.GetProperty("min").GetDouble(), min, 1e-6);
        Assert.Equal(e.GetProperty("max").GetDouble(), max, 1e-6);
        Assert.Equal(e.GetProperty("sum").GetDouble(), sum, Math.Abs(sum) * 1e-12 + 1e-6);
        Assert.Equal(e.GetProperty("mean").GetDouble(), sum / count, Math.Abs(sum / count) * 1e-12 + 1e-9);
        Assert.Equal(e.GetProperty("first").GetDouble(), first, 1e-6);
        Assert.Equal(e.GetProperty("last").GetDouble(), last, 1e-6);
    }

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void MicroscopeTagsMatchHyperSpy(string file)
    {
        var e = Entry(file);
        var stack = DmFile.Read(Path.Combine(FixtureDir, file));
        Assert.Equal(Number(e, "beam_energy_keV"), stack.Metadata.VoltageKilovolts);
        Assert.Equal(Number(e, "magnification"), stack.Metadata.Magnification);
        Assert.Empty(stack.Metadata.Warnings);
    }
}
