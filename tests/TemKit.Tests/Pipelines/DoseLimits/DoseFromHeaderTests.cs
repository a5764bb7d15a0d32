using System.Buffers.Binary;
using System.Text.Json;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.IO.Tilt;
using TemKit.Pipelines.DoseLimits;

namespace TemKit.Tests.Pipelines.DoseLimits;

/// <summary>
/// Where a dose series' per-frame dose comes from when there is no CSV: a SerialEM .mdoc (ExposureDose) or the flagged
/// Dose of an FEI extended header. The real files of ../shared/data carry exposure times but no dose (checked here
/// against their bytes and the manifest), so every one of them must be refused with a line naming it.
/// </summary>
public sealed class DoseFromHeaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("temkit-dose-header-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Stack(string name, int frames, MrcWriteOptions? options = null)
    {
        string path = Path.Combine(_dir, name);
        MrcFile.Write(path, new ImageStack(4, 3, frames, StackKind.ImageStack, VoxelSize.Isotropic(2)), options);
        return path;
    }

    [Fact]
    public void FeiDosePerFrameIsConvertedFromElectronsPerSquareMetre()
    {
        // 1 e/Å² = 1e20 e/m² (1 Å = 1e-10 m).
        double[] perSquareMetre = [2.5e20, 1e21, 4e22];
        var header = FeiExtendedHeaderWriter.Build(perSquareMetre.Select(d => (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { ["Dose"] = d }).ToList());
        string path = Stack("fei.mrc", 3, new MrcWriteOptions(ExtendedHeader: header, ExtendedHeaderType: FeiExtendedHeaderWriter.ExtendedHeaderType));
        using var input = DoseSeriesInput.Open(path);
        Assert.Equal([2.5, 10.0, 400.0], input.DoseElectronsPerAngstrom2.Select(d => Math.Round(d, 9)));
        Assert.Equal("FEI extended header (Dose)", input.DoseSource);
    }

    [Fact]
    public void MdocExposureDoseGivesTheDoseOfEachZValue()
    {
        string path = Stack("ts.mrc", 2);
        File.WriteAllText(Path.Combine(_dir, "ts.mrc.mdoc"),
            "PixelSpacing = 2\n\n[ZValue = 1]\nTiltAngle = 3\nExposureDose = 12.5\nDoseRate = 4.1\n\n[ZValue = 0]\nTiltAngle = 0\nExposureDose = 0.75\n");
        using var input = DoseSeriesInput.Open(path);
        Assert.Equal([0.75, 12.5], input.DoseElectronsPerAngstrom2);
        Assert.Equal("SerialEM .mdoc ts.mrc.mdoc (ExposureDose)", input.DoseSource);
    }

    [Fact]
    public void MdocSectionWithoutExposureDoseIsRefusedNamingTheMdoc()
    {
        string path = Stack("part.mrc", 2);
        File.WriteAllText(Path.Combine(_dir, "part.mdoc"), "[ZValue = 0]\nTiltAngle = 0\nExposureDose = 1\n[ZValue = 1]\nTiltAngle = 2\n");
        var e = Assert.Throws<TemKitFormatException>(() => DoseSeriesInput.Open(path));
        Assert.StartsWith("part.mdoc: ZValue 1 has no positive ExposureDose (e/Å²)", e.Message);
    }

    [Fact]
    public void NamedDoseTableThatDoesNotExistIsRefused()
    {
        string path = Stack("s.mrc", 2);
        var e = Assert.Throws<TemKitFormatException>(() => DoseSeriesInput.Open(path, Path.Combine(_dir, "missing.csv")));
        Assert.Equal("missing.csv: dose table not found", e.Message);
    }

    /// <summary>
    /// The only real file with a dose field: an FEI2 (Velox) MRC whose Dose is not flagged in bitmask 1 (bit 6, after
    /// Timestamp, Microscope type, D-Number, Application, Application version, HT). The reader must not report a dose
    /// (its HT, flagged, is read: 300 kV as the manifest's mrcfile cross-check has it) and the series is refused.
    /// </summary>
    [SkippableFact]
    public void VeloxFei2MrcWithAnUnflaggedDoseHasNoDose()
    {
        string path = SharedData.File("formats", "mrc", "HAADFscan.mrc");
        var bytes = File.ReadAllBytes(path);
        int nsymbt = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(92));
        Assert.True(nsymbt > 0);
        Assert.Equal("FEI2", System.Text.Encoding.ASCII.GetString(bytes, 104, 4));
        uint bitmask1 = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(1024 + 8));
        Assert.Equal(0u, bitmask1 & (1u << 6));
        Assert.NotEqual(0u, bitmask1 & (1u << 5));
        var section = ManifestSignal("mrc/HAADFscan.mrc").GetProperty("fei_extended_header_section0");
        Assert.False(section.TryGetProperty("Dose", out _));

        using (var source = ImageFile.Open(path))
        {
            Assert.Null(source.Metadata.DoseElectronsPerAngstrom2);
            Assert.Equal(section.GetProperty("HT").GetDouble() / 1000, source.Metadata.VoltageKilovolts);
            Assert.DoesNotContain(source.Metadata.FrameFields, f => f.ContainsKey(DoseSeriesInput.FrameDoseKey) || f.ContainsKey("FEI.Dose"));
        }
        var e = Assert.Throws<TemKitFormatException>(() => DoseSeriesInput.Open(path, pixelSizeAngstrom: 1));
        Assert.StartsWith("HAADFscan.mrc: no dose for frame 0", e.Message);
    }

    /// <summary>Real files whose headers record an exposure time (the manifest's Camera exposure) but no dose: the
    /// exposure is read where TemKit reads it, and it is not taken for a dose.</summary>
    [SkippableTheory]
    [InlineData("formats/dm/test_dm_image_um_unit.dm3", "dm/test_dm_image_um_unit.dm3")]
    [InlineData("formats/dm/test_diffraction_pattern_tags_removed.dm3", "dm/test_diffraction_pattern_tags_removed.dm3")]
    [InlineData("formats/emd/fei_example_tem_stack.emd", null)]
    [InlineData("formats/tia/64x64_TEM_images_acquire.emi", null)]
    [InlineData("formats/tiff/TVIPS_bin4.tif", null)]
    public void FilesWithAnExposureTimeButNoDoseAreRefused(string file, string? manifestExposure)
    {
        string path = SharedData.File(file.Split('/'));
        using (var source = ImageFile.Open(path))
        {
            Assert.Null(source.Metadata.DoseElectronsPerAngstrom2);
            if (manifestExposure is not null)
                Assert.Equal(ManifestSignal(manifestExposure).GetProperty("microscope_metadata").GetProperty("Camera").GetProperty("exposure").GetDouble(),
                    source.Metadata.ExposureSeconds!.Value, 9);
        }
        var e = Assert.Throws<TemKitFormatException>(() => DoseSeriesInput.Open(path, pixelSizeAngstrom: 1));
        Assert.StartsWith($"{Path.GetFileName(path)}: no dose for frame 0", e.Message);
    }

    private static JsonElement ManifestSignal(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.File("formats", "manifest.json")));
        foreach (var entry in doc.RootElement.GetProperty("files").EnumerateArray())
            if (entry.GetProperty("file").GetString() == file)
                return entry.GetProperty("signals")[0].Clone();
        throw new InvalidOperationException($"{file} is not in the manifest");
    }
}
