using System.Globalization;
using PureHDF;

namespace TemKit.IO.Emd;

/// <summary>
/// Berkeley/NCEM EMD: any group with the attribute emd_group_type = 1 holds one data set and its dim1..dimN vectors
/// (attributes name and units; the step between the first two values is the pixel size). dim1 names the slowest axis,
/// except in Prismatic's output (under /4DSTEM_simulation), which stores the axes reversed.
/// </summary>
internal static class Ncem
{
    private const int MaxGroups = 10_000, MaxDepth = 8;

    public static List<EmdEntry> Scan(string path, PureHDF.VOL.Native.NativeFile file)
    {
        var entries = new List<EmdEntry>();
        int visited = 0;
        Walk(path, file, "", 0, entries, ref visited);
        return entries;
    }

    private static void Walk(string path, IH5Group group, string groupPath, int depth, List<EmdEntry> entries, ref int visited)
    {
        if (depth > MaxDepth) return;
        foreach (var child in group.Children().OfType<IH5Group>().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (++visited > MaxGroups) throw new TemKitFormatException(path, $"more than {MaxGroups} HDF5 groups");
            string childPath = $"{groupPath}/{child.Name}";
            if (Hdf5Read.Number(child, "emd_group_type") == 1) entries.Add(Entry(path, child, childPath, entries.Count));
            else Walk(path, child, childPath, depth + 1, entries, ref visited);
        }
    }

    private static EmdEntry Entry(string path, IH5Group group, string groupPath, int index)
    {
        var data = group.Children().OfType<IH5Dataset>().FirstOrDefault(d => !IsDim(d.Name))
            ?? throw new TemKitFormatException(path, $"{groupPath}: EMD data group without a data set");
        ulong[] shape = data.Space.Dimensions;
        int rank = shape.Length;
        bool prismatic = groupPath.StartsWith("/4DSTEM_simulation", StringComparison.Ordinal);
        var layout = prismatic ? EmdLayout.Prismatic : EmdLayout.Ncem;
        string title = group.Name.EndsWith("_depth0000", StringComparison.Ordinal) ? group.Name[..^"_depth0000".Length] : group.Name;
        string type = Hdf5Read.TypeName(data.Type) ?? $"HDF5 {data.Type.Class} of {data.Type.Size} bytes";
        string datasetPath = $"{groupPath}/{data.Name}";

        // Axis k of the C-order data is named by dim(k+1); x is the last axis (NCEM) or the first (Prismatic).
        var dims = Enumerable.Range(1, rank).Select(k => Dim(group, k)).ToArray();
        var kind = rank switch { 1 => SignalKind.Spectrum, 2 or 3 => SignalKind.Image, _ => SignalKind.Datacube };
        if (kind != SignalKind.Image || Hdf5Read.TypeName(data.Type) is null or "complex64")
        {
            var k2 = kind == SignalKind.Image ? SignalKind.Datacube : kind;
            return new EmdEntry(new ImageSignal(index, title, k2, shape.Reverse().Select(d => (long)d).ToArray(), type), datasetPath, layout, 0, 0, 0, false, new EmdCalibration());
        }
        int xi = prismatic ? 0 : rank - 1, yi = prismatic ? 1 : rank - 2, zi = prismatic ? 2 : 0;
        ulong nx = shape[xi], ny = shape[yi], frames = rank == 3 ? shape[zi] : 1;
        if (nx == 0 || ny == 0 || frames == 0 || nx * ny > (ulong)Array.MaxLength || nx * ny * frames > (ulong)Array.MaxLength && prismatic || frames > int.MaxValue)
            throw new TemKitFormatException(path, $"{datasetPath}: shape {string.Join(" x ", shape)} is not a readable image stack");

        var fields = new Dictionary<string, string>();
        double Axis(string name, int axis)
        {
            var (label, units, scale) = dims[axis];
            fields[$"axis.{name}.scale"] = scale.ToString("R", CultureInfo.InvariantCulture);
            fields[$"axis.{name}.units"] = units;
            if (label.Length > 0) fields[$"axis.{name}.name"] = label;
            return LengthUnits.AngstromPer(units) is { } a && scale > 0 ? scale * a : 0;
        }
        var calibration = new EmdCalibration
        {
            XAngstrom = Axis("x", xi),
            YAngstrom = Axis("y", yi),
            ZAngstrom = rank == 3 ? Axis("z", zi) : 0,
            VoltageKilovolts = Hdf5Read.Number(group, "voltage") is > 0 and var kv ? kv : null,
            Fields = fields,
        };
        long[] signalShape = frames > 1 ? [(long)nx, (long)ny, (long)frames] : [(long)nx, (long)ny];
        return new EmdEntry(new ImageSignal(index, title, SignalKind.Image, signalShape, type), datasetPath, layout, (int)nx, (int)ny, (int)frames, false, calibration);
    }

    private static bool IsDim(string name) => name.StartsWith("dim", StringComparison.Ordinal) && name.Length > 3 && name[3..].All(char.IsAsciiDigit);

    /// <summary>Name, units (brackets and underscores of "[n_m]" removed) and step of dim<paramref name="k"/>; scale 1 without one.</summary>
    private static (string Name, string Units, double Scale) Dim(IH5Group group, int k)
    {
        string name = $"dim{k}";
        if (!group.LinkExists(name) || group.Get(name) is not IH5Dataset ds) return ("", "", 1);
        string units = (Hdf5Read.Text(ds, "units") ?? "").Trim().TrimStart('[').TrimEnd(']').Replace("_", "", StringComparison.Ordinal);
        double[] v = Hdf5Read.Leading(ds, 2);
        double scale = v.Length == 2 && v[1] != v[0] && double.IsFinite(v[1] - v[0]) ? v[1] - v[0] : 1;
        return (Hdf5Read.Text(ds, "name") ?? "", units, scale);
    }
}
