using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TemKit.Cli.Infrastructure;
using TemKit.Imaging;
using TemKit.IO;

namespace TemKit.Cli.Commands.Files;

/// <summary>`temkit info FILE... [--json]`: header, shape, dtype, calibration, statistics and metadata of image files.</summary>
internal sealed class InfoCommand : ICliCommand
{
    public Command Build()
    {
        var files = new Argument<string[]>("files") { Description = "Image files (MRC, DM3/DM4), folders or globs.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per file (file, nx, ny, nz, dtype, voxel_size_A, min, max, mean, std, ...)." };
        var permissive = new Option<bool>("--permissive") { Description = "Turn recoverable format problems into warnings." };
        var fields = new Option<bool>("--fields") { Description = "Also list every raw header field / tag." };
        var command = new Command("info", "Show shape, data type, pixel size (Å), statistics and microscope metadata of image files.") { files, json, permissive, fields };
        command.SetAction(parse =>
        {
            var options = new ReadOptions(parse.GetValue(permissive), Console2.Warn);
            int failed = 0;
            foreach (string path in InputFiles.Expand(parse.GetValue(files)!))
            {
                try
                {
                    var info = FileInfoReport.Read(path, options);
                    if (parse.GetValue(json)) Console.WriteLine(info.ToJson());
                    else info.Print(parse.GetValue(fields));
                }
                catch (Exception e) when (e is TemKitFormatException or IOException or UnauthorizedAccessException)
                {
                    Console2.Error(e is TemKitFormatException ? e.Message : $"{Path.GetFileName(path)}: {e.Message}");
                    failed++;
                }
            }
            return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>What `temkit info` reports about one file.</summary>
internal sealed record FileInfoReport(string Path, int Nx, int Ny, int Nz, StackKind Kind, VoxelSize Voxel, ImageMetadata Metadata, ImageStatistics Stats)
{
    public static FileInfoReport Read(string path, ReadOptions options)
    {
        using var source = ImageFile.Open(path, options);
        var stats = ImageStatistics.Of(source);
        return new FileInfoReport(path, source.Width, source.Height, source.FrameCount, source.Kind, source.VoxelSize, source.Metadata, stats);
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("file", Path);
            w.WriteString("format", Metadata.Format);
            w.WriteNumber("nx", Nx);
            w.WriteNumber("ny", Ny);
            w.WriteNumber("nz", Nz);
            w.WriteString("kind", KindName(Kind));
            w.WriteString("dtype", Metadata.DataType);
            w.WriteStartArray("voxel_size_A");
            w.WriteNumberValue(Voxel.XAngstrom); w.WriteNumberValue(Voxel.YAngstrom); w.WriteNumberValue(Voxel.ZAngstrom);
            w.WriteEndArray();
            Number(w, "min", Stats.Min); Number(w, "max", Stats.Max); Number(w, "mean", Stats.Mean);
            Number(w, "std", Stats.StandardDeviation); Number(w, "sum", Stats.Sum);
            Number(w, "first", Stats.First); Number(w, "last", Stats.Last);
            if (Stats.NonFiniteCount > 0) w.WriteNumber("non_finite", Stats.NonFiniteCount);
            Optional(w, "voltage_kV", Metadata.VoltageKilovolts);
            Optional(w, "magnification", Metadata.Magnification);
            Optional(w, "exposure_s", Metadata.ExposureSeconds);
            Optional(w, "defocus_A", Metadata.DefocusAngstrom);
            Optional(w, "dose_e_per_A2", Metadata.DoseElectronsPerAngstrom2);
            Optional(w, "tilt_deg", Metadata.TiltAngleDegrees);
            if (Metadata.Acquired is { } acquired) w.WriteString("acquired", acquired.ToString("O", CultureInfo.InvariantCulture));
            var axes = Axes();
            if (axes.Count > 0)
            {
                w.WriteStartArray("axes");
                foreach (var axis in axes)
                {
                    w.WriteStartObject();
                    w.WriteString("name", axis.Name);
                    w.WriteString("scale", R(axis.Scale));
                    w.WriteString("origin", R(axis.OriginPx));
                    w.WriteString("offset", R(axis.Offset));
                    w.WriteString("units", axis.Units);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (Metadata.FrameFields.Count > 0)
            {
                w.WriteStartArray("frames");
                foreach (var frame in Metadata.FrameFields)
                {
                    w.WriteStartObject();
                    foreach (var (key, value) in frame) Number(w, key, value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (Metadata.Warnings.Count > 0)
            {
                w.WriteStartArray("warnings");
                foreach (string warning in Metadata.Warnings) w.WriteStringValue(warning);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void Print(bool withFields)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(System.IO.Path.GetFileName(Path)));
        table.AddColumn("field").AddColumn("value");
        void Row(string k, string v) => table.AddRow(Markup.Escape(k), Markup.Escape(v));
        Row("path", Path);
        Row("format", Metadata.Format);
        Row("shape (nx, ny, nz)", $"{Nx} x {Ny} x {Nz} ({KindName(Kind)})");
        Row("data type", Metadata.DataType);
        Row(Nz == 1 ? "pixel size" : "voxel size", !Voxel.IsKnown ? UnknownPixelSize()
            : Nz == 1 && Voxel.ZAngstrom == 0 ? $"{G(Voxel.XAngstrom)} x {G(Voxel.YAngstrom)} Å"
            : $"{G(Voxel.XAngstrom)} x {G(Voxel.YAngstrom)} x {G(Voxel.ZAngstrom)} Å");
        Row("min / max", Stats.Min <= Stats.Max ? $"{G(Stats.Min)} / {G(Stats.Max)}" : "none (no finite value)");
        Row("mean ± std", $"{G(Stats.Mean)} ± {G(Stats.StandardDeviation)}");
        Row("sum", G(Stats.Sum));
        if (Stats.NonFiniteCount > 0) Row("non-finite values", Stats.NonFiniteCount.ToString(CultureInfo.InvariantCulture));
        if (Metadata.VoltageKilovolts is { } kv) Row("voltage", $"{G(kv)} kV");
        if (Metadata.Magnification is { } mag) Row("magnification", $"{G(mag)} x");
        if (Metadata.ExposureSeconds is { } exp) Row("exposure", $"{G(exp)} s");
        if (Metadata.DefocusAngstrom is { } df) Row("defocus", $"{G(df)} Å");
        if (Metadata.DoseElectronsPerAngstrom2 is { } dose) Row("dose", $"{G(dose)} e/Å²");
        if (Metadata.TiltAngleDegrees is { } tilt) Row("tilt", $"{G(tilt)}°");
        if (Metadata.Acquired is { } acquired) Row("acquired", acquired.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        foreach (var a in Axes())
            Row($"axis {a.Name}", string.IsNullOrEmpty(a.Units)
                ? $"scale {G(a.Scale)} per px (no units: uncalibrated), origin {G(a.OriginPx)} px"
                : $"scale {G(a.Scale)} {a.Units} per px, offset {G(a.Offset)} {a.Units} at pixel 0 (origin {G(a.OriginPx)} px)");
        if (Metadata.FrameFields.Count > 0)
            Row("extended header", $"{Metadata.FrameFields.Count} frame(s): " + string.Join(", ", Metadata.FrameFields[0].Select(kv => $"{kv.Key}={G(kv.Value)}")));
        foreach (string warning in Metadata.Warnings) Row("warning", warning);
        if (withFields)
            foreach (var (key, value) in Metadata.Fields.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                Row(key, value);
        Console2.Stdout.Write(table);
    }

    /// <summary>The x, y, z axes' calibration (scale in units per pixel, origin in pixels, offset of pixel 0 in units).</summary>
    private List<ImageAxis> Axes() => [.. Metadata.Axes.Where(a => a.Name is "x" or "y" or "z")];

    private static string KindName(StackKind kind) => kind switch
    {
        StackKind.Image => "image",
        StackKind.ImageStack => "image-stack",
        StackKind.Volume => "volume",
        StackKind.VolumeStack => "volume-stack",
        _ => kind.ToString(),
    };

    private static string G(double v) => v.ToString("G7", CultureInfo.InvariantCulture);

    /// <summary>The shortest text that parses back to <paramref name="v"/> (the JSON keeps full precision).</summary>
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>"unknown", with the reciprocal-space calibration of a diffraction pattern when the file has one.</summary>
    private string UnknownPixelSize() =>
        Axes().FirstOrDefault(a => a.Name == "x") is { IsReciprocal: true } x
            ? $"unknown (reciprocal calibration {G(x.Scale)} {x.Units} per px: a diffraction pattern)"
            : "unknown";

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static void Optional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) Number(w, name, v);
    }
}
