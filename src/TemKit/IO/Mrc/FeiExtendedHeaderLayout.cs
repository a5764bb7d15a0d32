namespace TemKit.IO.Mrc;

/// <summary>Element type of one FEI extended-header field (always little-endian, packed, no padding).</summary>
internal enum FeiType { Int32, UInt32, Int64, Float64, Bool, Text16, Text48, Text80, Bitmask }

/// <summary>One FEI field. <paramref name="Bits"/> is how many bits of the preceding bitmask flag it (0: always valid).</summary>
internal sealed record FeiField(string Name, FeiType Type, string Unit = "", int Bits = 1)
{
    public int Size => Type switch
    {
        FeiType.Bool => 1,
        FeiType.Int32 or FeiType.UInt32 or FeiType.Bitmask => 4,
        FeiType.Int64 or FeiType.Float64 => 8,
        FeiType.Text16 => 16,
        FeiType.Text48 => 48,
        _ => 80,
    };
}

/// <summary>
/// Per-frame record of the FEI1/FEI2 extended header (Thermo Fisher "MRC2014 file format, extended header",
/// metadata versions 0-2), one line per field in file order. Each bitmask flags the fields after it, one bit
/// each starting at bit 0 (the 48-byte unused range takes six bits). FEI2 appends the block after "Alpha tilt max".
/// </summary>
internal static class FeiExtendedHeaderLayout
{
    public static readonly FeiField[] Fields =
    [
        new("Metadata size", FeiType.Int32, "bytes per frame record", 0),
        new("Metadata version", FeiType.Int32, "", 0),
        new("Bitmask 1", FeiType.Bitmask),
        new("Timestamp", FeiType.Float64, "days since 1899-12-30 (OLE date)"),
        new("Microscope type", FeiType.Text16),
        new("D-Number", FeiType.Text16),
        new("Application", FeiType.Text16),
        new("Application version", FeiType.Text16),
        new("HT", FeiType.Float64, "V"),
        new("Dose", FeiType.Float64, "e/m²"),
        new("Alpha tilt", FeiType.Float64, "deg"),
        new("Beta tilt", FeiType.Float64, "deg"),
        new("X-Stage", FeiType.Float64, "m"),
        new("Y-Stage", FeiType.Float64, "m"),
        new("Z-Stage", FeiType.Float64, "m"),
        new("Tilt axis angle", FeiType.Float64, "deg"),
        new("Dual axis rotation", FeiType.Float64, "deg"),
        new("Pixel size X", FeiType.Float64, "m"),
        new("Pixel size Y", FeiType.Float64, "m"),
        new("Unused range", FeiType.Text48, "", 6),
        new("Defocus", FeiType.Float64, "m, negative = underfocus"),
        new("STEM Defocus", FeiType.Float64, "m"),
        new("Applied defocus", FeiType.Float64, "m"),
        new("Instrument mode", FeiType.Int32, "1 TEM, 2 STEM"),
        new("Projection mode", FeiType.Int32, "1 imaging, 2 diffraction"),
        new("Objective lens mode", FeiType.Text16),
        new("High magnification mode", FeiType.Text16),
        new("Probe mode", FeiType.Int32, "1 nano, 2 micro"),
        new("EFTEM On", FeiType.Bool),
        new("Magnification", FeiType.Float64),
        new("Bitmask 2", FeiType.Bitmask),
        new("Camera length", FeiType.Float64, "m"),
        new("Spot index", FeiType.Int32),
        new("Illuminated area", FeiType.Float64, "m"),
        new("Intensity", FeiType.Float64),
        new("Convergence angle", FeiType.Float64, "rad"),
        new("Illumination mode", FeiType.Text16),
        new("Wide convergence angle range", FeiType.Bool),
        new("Slit inserted", FeiType.Bool),
        new("Slit width", FeiType.Float64, "eV"),
        new("Acceleration voltage offset", FeiType.Float64, "V"),
        new("Drift tube voltage", FeiType.Float64, "V"),
        new("Energy shift", FeiType.Float64, "eV"),
        new("Shift offset X", FeiType.Float64),
        new("Shift offset Y", FeiType.Float64),
        new("Shift X", FeiType.Float64),
        new("Shift Y", FeiType.Float64),
        new("Integration time", FeiType.Float64, "s"),
        new("Binning Width", FeiType.Int32),
        new("Binning Height", FeiType.Int32),
        new("Camera name", FeiType.Text16),
        new("Readout area left", FeiType.Int32, "px"),
        new("Readout area top", FeiType.Int32, "px"),
        new("Readout area right", FeiType.Int32, "px"),
        new("Readout area bottom", FeiType.Int32, "px"),
        new("Ceta noise reduction", FeiType.Bool),
        new("Ceta frames summed", FeiType.Int32),
        new("Direct detector electron counting", FeiType.Bool),
        new("Direct detector align frames", FeiType.Bool),
        new("Camera param reserved 0", FeiType.Int32),
        new("Camera param reserved 1", FeiType.Int32),
        new("Camera param reserved 2", FeiType.Int32),
        new("Camera param reserved 3", FeiType.Int32),
        new("Bitmask 3", FeiType.Bitmask),
        new("Camera param reserved 4", FeiType.Int32),
        new("Camera param reserved 5", FeiType.Int32),
        new("Camera param reserved 6", FeiType.Int32),
        new("Camera param reserved 7", FeiType.Int32),
        new("Camera param reserved 8", FeiType.Int32),
        new("Camera param reserved 9", FeiType.Int32),
        new("Phase Plate", FeiType.Bool),
        new("STEM Detector name", FeiType.Text16),
        new("Gain", FeiType.Float64),
        new("Offset", FeiType.Float64),
        new("STEM param reserved 0", FeiType.Int32),
        new("STEM param reserved 1", FeiType.Int32),
        new("STEM param reserved 2", FeiType.Int32),
        new("STEM param reserved 3", FeiType.Int32),
        new("STEM param reserved 4", FeiType.Int32),
        new("Dwell time", FeiType.Float64, "s"),
        new("Frame time", FeiType.Float64, "s"),
        new("Scan size left", FeiType.Int32, "px"),
        new("Scan size top", FeiType.Int32, "px"),
        new("Scan size right", FeiType.Int32, "px"),
        new("Scan size bottom", FeiType.Int32, "px"),
        new("Full scan FOV X", FeiType.Float64, "m"),
        new("Full scan FOV Y", FeiType.Float64, "m"),
        new("Element", FeiType.Text16),
        new("Energy interval lower", FeiType.Float64, "eV"),
        new("Energy interval higher", FeiType.Float64, "eV"),
        new("Method", FeiType.Int32),
        new("Is dose fraction", FeiType.Bool),
        new("Fraction number", FeiType.Int32),
        new("Start frame", FeiType.Int32),
        new("End frame", FeiType.Int32),
        new("Input stack filename", FeiType.Text80),
        new("Bitmask 4", FeiType.Bitmask),
        new("Alpha tilt min", FeiType.Float64, "deg"),
        new("Alpha tilt max", FeiType.Float64, "deg"),
        new("Scan rotation", FeiType.Float64, "deg"),
        new("Diffraction pattern rotation", FeiType.Float64, "deg"),
        new("Image rotation", FeiType.Float64, "deg"),
        new("Scan mode enumeration", FeiType.Int32),
        new("Acquisition time stamp", FeiType.Int64),
        new("Detector commercial name", FeiType.Text16),
        new("Start tilt angle", FeiType.Float64, "deg"),
        new("End tilt angle", FeiType.Float64, "deg"),
        new("Tilt per image", FeiType.Float64, "deg"),
        new("Tilt speed", FeiType.Float64, "deg/s"),
        new("Beam center X pixel", FeiType.Int32, "px"),
        new("Beam center Y pixel", FeiType.Int32, "px"),
        new("CFEG flash timestamp", FeiType.Int64),
        new("Phase plate position index", FeiType.Int32),
        new("Objective aperture name", FeiType.Text16),
    ];

    /// <summary>Byte offset of each field within a frame record (packed).</summary>
    public static readonly int[] Offsets = ComputeOffsets();

    /// <summary>Bytes of a metadata-version-0/1 record (through "Alpha tilt max").</summary>
    public static int Version1Bytes => Offsets[Array.FindIndex(Fields, f => f.Name == "Alpha tilt max")] + 8;

    private static int[] ComputeOffsets()
    {
        var offsets = new int[Fields.Length];
        for (int i = 1; i < Fields.Length; i++) offsets[i] = offsets[i - 1] + Fields[i - 1].Size;
        return offsets;
    }
}
