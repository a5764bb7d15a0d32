using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;

namespace TemKit.IO.Tiff;

internal sealed partial record TiffCalibration
{
    /// <summary>Offset of PixelSizeX (float32, nm) in the TVIPS EM-MENU TemData header: 244 bytes of version 1, then 2724
    /// bytes of version 2 fields (ImageName, ImageFolder, sizes, Comment, ImageHistory, Scaling, ImageStatistics, types).</summary>
    private const int TvipsPixelSizeOffset = 244 + 2724;

    /// <summary>TVIPS tag 37706: a pointer to the TemData header; version 2 holds PixelSizeX/Y in nm.</summary>
    private static TiffCalibration? Tvips(TiffTags tags)
    {
        if (tags.Long(37706) is not { } offset) return null;
        var header = tags.ReadAt((long)offset, TvipsPixelSizeOffset + 8);
        if (header is null) return null;
        // EM-MENU writes little-endian files; the header follows the file.
        int version = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (version != 2) return null;
        float x = BinaryPrimitives.ReadSingleLittleEndian(header.AsSpan(TvipsPixelSizeOffset));
        float y = BinaryPrimitives.ReadSingleLittleEndian(header.AsSpan(TvipsPixelSizeOffset + 4));
        if (!(x > 0) || !float.IsFinite(x)) return null;
        return new TiffCalibration
        {
            XAngstrom = x * 10.0,
            YAngstrom = (y > 0 && float.IsFinite(y) ? y : x) * 10.0,
            Source = "TVIPS tag 37706 TemData v2 PixelSizeX/PixelSizeY (nm)",
        };
    }

    /// <summary>Olympus SIS tag 33560: a pointer to an "SIS0" block whose type-1 entry holds the pixel size as mantissa x
    /// 10^exponent m (layout as read by tifffile's read_sis).</summary>
    private static TiffCalibration? Olympus(TiffTags tags)
    {
        if (tags.Long(33560) is not { } offset) return null;
        var head = tags.ReadAt((long)offset, 60);
        if (head is null || Encoding.ASCII.GetString(head, 0, 4) != "SIS0") return null;
        int count = BinaryPrimitives.ReadInt16LittleEndian(head.AsSpan(58));
        if (count is <= 0 or > 256) return null;
        var entries = tags.ReadAt((long)offset + 60, 8 * count);
        if (entries is null) return null;
        for (int i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadInt16LittleEndian(entries.AsSpan(8 * i)) != 1) continue;
            uint at = BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan(8 * i + 4));
            var general = tags.ReadAt(at, 112);
            if (general is null) return null;
            int exponent = BinaryPrimitives.ReadInt16LittleEndian(general.AsSpan(10));
            double x = BinaryPrimitives.ReadDoubleLittleEndian(general.AsSpan(12));
            double y = BinaryPrimitives.ReadDoubleLittleEndian(general.AsSpan(20));
            double mag = BinaryPrimitives.ReadDoubleLittleEndian(general.AsSpan(36));
            double metre = Math.Pow(10, exponent);
            if (!(x > 0) || !double.IsFinite(x * metre)) return null;
            return new TiffCalibration
            {
                XAngstrom = x * metre * 1e10,
                YAngstrom = (y > 0 ? y : x) * metre * 1e10,
                Source = "OlympusSIS tag 33560 pixel size",
                Magnification = mag > 0 && double.IsFinite(mag) ? mag : null,
            };
        }
        return null;
    }

    /// <summary>DigitalMicrograph's TIFF export: units in tags 65003-65005 (x, y, z), scales in 65009-65011.</summary>
    private static TiffCalibration? DmExport(TiffTags tags)
    {
        if (tags.Double(65009) is null) return null;
        var fields = new Dictionary<string, string>();
        double[] angstrom = new double[3];
        for (int i = 0; i < 3; i++)
        {
            string name = i switch { 0 => "x", 1 => "y", _ => "z" };
            if (tags.Double(65009 + i) is not { } scale) continue;
            string units = tags.Text(65003 + i) ?? "";
            fields[$"axis.{name}.scale"] = Format(scale);
            fields[$"axis.{name}.units"] = units;
            if (tags.Double(65006 + i) is { } origin) fields[$"axis.{name}.offset"] = Format(origin);
            if (LengthUnits.AngstromPer(units) is { } a && scale > 0) angstrom[i] = scale * a;
        }
        return new TiffCalibration
        {
            XAngstrom = angstrom[0], YAngstrom = angstrom[1], ZAngstrom = angstrom[2],
            Source = "DigitalMicrograph export tags 65003-65011 (units, scale)",
            Fields = fields,
        };
    }

    /// <summary>JEOL SightX: TemReporter XML in ImageDescription. The image is calibrated at the resolution tag (dots per
    /// inch on the recording medium) divided by the indicated magnification (ImageFormingSystem/SelectorValue in MAG mode).</summary>
    private static TiffCalibration? JeolSightX(TiffTags tags)
    {
        string? text = tags.Text(270);
        if (text is null || !text.Contains("<TemReporter", StringComparison.Ordinal)) return null;
        XElement root;
        try
        {
            root = XElement.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
        string? Value(string group, string name) => root.Element(group)?.Element(name)?.Value;
        double? mag = ParseDouble(Value("ImageFormingSystem", "SelectorValue"));
        bool imaging = Value("ImageFormingSystem", "ModeString") == "MAG";
        double? dpi = tags.Number(282);
        bool inch = tags.Number(296) is 2;
        double? voltage = ParseDouble(Value("ElectronGun", "AccelerationVoltage"));
        if (!imaging || mag is not > 0 || dpi is not > 0 || !inch) return null;
        double pixel = 2.54e8 / dpi.Value / mag.Value;
        return new TiffCalibration
        {
            XAngstrom = pixel, YAngstrom = pixel,
            Source = "JEOL SightX: resolution tag (inch) / ImageFormingSystem SelectorValue magnification",
            Magnification = mag,
            VoltageKilovolts = voltage is > 0 ? voltage / 1000 : null,
            Acquired = DateTimeOffset.TryParse(root.Descendants("DateTime").FirstOrDefault()?.Value, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var when) ? when : null,
            AcquiredZoneKnown = true,
        };
    }
}
