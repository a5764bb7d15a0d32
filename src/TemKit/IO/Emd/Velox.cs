using System.Globalization;
using System.Text;
using System.Text.Json;
using PureHDF;
using PureHDF.Selections;

namespace TemKit.IO.Emd;

/// <summary>
/// Thermo Fisher Velox EMD: every group under /Data/Image holds Data (ny, nx, frames; int16/uint16/float32 or a
/// complex half-plane FFT as a compound of two float32) and Metadata (bytes of one JSON document per frame, NUL padded).
/// Titles are the display labels of /Presentation/Displays/ImageDisplay (URL-decoded), else the detector name.
/// </summary>
internal static class Velox
{
    /// <summary>Longest metadata JSON read per frame (Velox pads each to 60000 bytes).</summary>
    private const int MaxMetadataBytes = 1 << 20;

    private static readonly (string Group, SignalKind Kind)[] Groups =
        [("Image", SignalKind.Image), ("Spectrum", SignalKind.Spectrum), ("SpectrumImage", SignalKind.SpectrumImage), ("SpectrumStream", SignalKind.SpectrumImage)];

    public static List<EmdEntry> Scan(string path, PureHDF.VOL.Native.NativeFile file)
    {
        var labels = DisplayLabels(file);
        var entries = new List<EmdEntry>();
        foreach (var (groupName, kind) in Groups)
        {
            string groupPath = $"/Data/{groupName}";
            if (!file.LinkExists(groupPath)) continue;
            foreach (var child in file.Group(groupPath).Children().OfType<IH5Group>().OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                if (!child.LinkExists("Data")) continue;
                string dataPath = $"{groupPath}/{child.Name}";
                var ds = child.Dataset("Data");
                ulong[] dims = ds.Space.Dimensions;
                var json = child.LinkExists("Metadata") ? Metadata(child.Dataset("Metadata")) : null;
                var calibration = Calibrate(json);
                string title = labels.GetValueOrDefault(dataPath) ?? Detector(json) ?? child.Name;
                string type = Hdf5Read.TypeName(ds.Type) ?? $"HDF5 {ds.Type.Class} of {ds.Type.Size} bytes";
                int index = entries.Count;
                if (kind != SignalKind.Image || dims.Length != 3)
                {
                    var shape = kind == SignalKind.Spectrum && dims.Length == 2 ? [(long)dims[0]] : dims.Select(d => (long)d).ToArray();
                    entries.Add(new EmdEntry(new ImageSignal(index, title, kind == SignalKind.Image ? SignalKind.SpectrumImage : kind, shape, type), $"{dataPath}/Data", EmdLayout.Velox, 0, 0, 0, false, calibration));
                    continue;
                }
                ulong ny = dims[0], nx = dims[1], frames = dims[2];
                if (nx == 0 || ny == 0 || frames == 0 || nx * ny > (ulong)Array.MaxLength || frames > int.MaxValue)
                    throw new TemKitFormatException(path, $"{dataPath}/Data: shape {ny} x {nx} x {frames} is not a readable image stack");
                if (Hdf5Read.TypeName(ds.Type) is null)
                    throw new TemKitFormatException(path, $"{dataPath}/Data: element type {type} is not one TemKit reads");
                entries.Add(new EmdEntry(new ImageSignal(index, title, SignalKind.Image, frames > 1 ? [(long)nx, (long)ny, (long)frames] : [(long)nx, (long)ny], type),
                    $"{dataPath}/Data", EmdLayout.Velox, (int)nx, (int)ny, (int)frames, type == "complex64", calibration));
            }
        }
        return entries;
    }

    /// <summary>The first frame's metadata JSON (column 0 of the (bytes, frames) Metadata dataset).</summary>
    private static JsonElement? Metadata(IH5Dataset ds)
    {
        ulong[] dims = ds.Space.Dimensions;
        if (dims.Length != 2 || dims[0] == 0 || dims[1] == 0 || ds.Type.Size != 1) return null;
        ulong rows = Math.Min(dims[0], MaxMetadataBytes);
        byte[] bytes = ds.Read<byte[]>(new HyperslabSelection(2, [0, 0], [rows, 1]));
        int end = Array.IndexOf(bytes, (byte)0);
        if (end < 0) end = bytes.Length;
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 0, end));
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>dataPath → label of every image display (Velox names the views the user saw).</summary>
    private static Dictionary<string, string> DisplayLabels(PureHDF.VOL.Native.NativeFile file)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        const string displays = "/Presentation/Displays/ImageDisplay";
        if (!file.LinkExists(displays)) return labels;
        foreach (var ds in file.Group(displays).Children().OfType<IH5Dataset>())
        {
            try
            {
                string[] text = ds.Read<string[]>();
                if (text.Length == 0) continue;
                using var doc = JsonDocument.Parse(text[0]);
                var root = doc.RootElement;
                if (root.TryGetProperty("dataPath", out var p) && root.TryGetProperty("display", out var d) && d.TryGetProperty("label", out var l)
                    && p.GetString() is { } dataPath && l.GetString() is { } label)
                    labels[dataPath] = Uri.UnescapeDataString(label);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException or Exception)
            {
                // A display that cannot be read only loses a title.
            }
        }
        return labels;
    }

    private static string? Detector(JsonElement? json) => Get(json, "BinaryResult", "Detector");

    private static string? Get(JsonElement? json, params string[] keys)
    {
        if (json is not { } e) return null;
        foreach (string k in keys)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(k, out e)) return null;
        }
        return e.ValueKind == JsonValueKind.String ? e.GetString() : e.ValueKind == JsonValueKind.Number ? e.GetRawText() : null;
    }

    private static double? Number(JsonElement? json, params string[] keys) =>
        double.TryParse(Get(json, keys), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : null;

    /// <summary>Pixel size (BinaryResult.PixelSize in PixelUnitX/Y), voltage (Optics.AccelerationVoltage, V), magnification,
    /// alpha tilt (Stage.AlphaTilt, rad) and start time (Acquisition.AcquisitionStartDatetime.DateTime, Unix seconds).</summary>
    private static EmdCalibration Calibrate(JsonElement? json)
    {
        var fields = new Dictionary<string, string>();
        double Axis(string name, string sizeKey, string unitKey)
        {
            double? scale = Number(json, "BinaryResult", "PixelSize", sizeKey);
            string units = Get(json, "BinaryResult", unitKey) ?? "";
            if (scale is not { } s) return 0;
            fields[$"axis.{name}.scale"] = s.ToString("R", CultureInfo.InvariantCulture);
            fields[$"axis.{name}.units"] = units;
            if (Number(json, "BinaryResult", "Offset", name) is { } offset) fields[$"axis.{name}.offset"] = offset.ToString("R", CultureInfo.InvariantCulture);
            return LengthUnits.AngstromPer(units) is { } a && s > 0 ? s * a : 0;
        }
        double x = Axis("x", "width", "PixelUnitX"), y = Axis("y", "height", "PixelUnitY");
        if (Detector(json) is { } detector) fields["velox.detector"] = detector;
        double? unix = Number(json, "Acquisition", "AcquisitionStartDatetime", "DateTime");
        return new EmdCalibration
        {
            XAngstrom = x, YAngstrom = y,
            VoltageKilovolts = Number(json, "Optics", "AccelerationVoltage") is > 0 and var v ? v / 1000 : null,
            Magnification = Number(json, "Optics", "NominalMagnification") is > 0 and var m ? m : null,
            TiltDegrees = Number(json, "Stage", "AlphaTilt") is { } alpha ? alpha * 180 / Math.PI : null,
            Acquired = unix is > 0 and < 1e11 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(unix.Value * 1000)) : null,
            Fields = fields,
        };
    }
}
