using System.Globalization;
using TemKit.IO;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TemKit.Simulation.TiltSeries;

/// <summary>Reads and writes <see cref="TiltDatasetRanges"/> as YAML with snake_case keys; missing keys keep their defaults,
/// unknown keys are errors.</summary>
public static class TiltDatasetRangesYaml
{
    /// <summary>Reads a ranges file; throws <see cref="TemKitFormatException"/> naming the key or line at fault.</summary>
    public static TiltDatasetRanges Read(string path) => RangesYamlFile.Read(path, Parse, "docs/tomography.md");

    /// <summary>Parses YAML text; throws <see cref="YamlException"/> or <see cref="ArgumentException"/>.</summary>
    public static TiltDatasetRanges Parse(string yaml)
    {
        var dto = RangesYamlFile.Deserialize<Dto>(yaml);
        var d = new TiltDatasetRanges();
        var r = new TiltDatasetRanges
        {
            Shapes = dto.Shapes?.Select(ClusterSpec.ParseShape).ToArray() ?? d.Shapes,
            Elements = dto.Elements?.ToArray() ?? d.Elements,
            DiametersNanometres = dto.DiameterNanometres?.ToArray() ?? d.DiametersNanometres,
            OrientationsPerCluster = dto.OrientationsPerCluster ?? d.OrientationsPerCluster,
            Tilts = dto.Tilts ?? d.Tilts,
            ImagePixels = dto.ImagePixels ?? d.ImagePixels,
            StepAngstrom = dto.StepAngstrom ?? d.StepAngstrom,
            DoseElectronsPerAngstrom2 = dto.DoseElectronsPerAngstrom2 switch
            {
                null => d.DoseElectronsPerAngstrom2,
                { Count: 1 } v => ParameterRange.Fixed(v[0]),
                { Count: 2 } v => new ParameterRange(v[0], v[1]),
                _ => throw new ArgumentException("dose_electrons_per_angstrom2: expected [min, max] or [value]"),
            },
            Method = dto.Method?.ToLowerInvariant() switch
            {
                null => d.Method,
                "incoherent" => StemMethod.Incoherent,
                "prism" => StemMethod.Prism,
                "multislice" => StemMethod.Multislice,
                var m => throw new ArgumentException($"method: '{m}' is not incoherent, prism or multislice"),
            },
            VoltageKilovolts = dto.VoltageKilovolts ?? d.VoltageKilovolts,
            ConvergenceSemiAngleMilliradians = dto.ConvergenceSemiAngleMilliradians ?? d.ConvergenceSemiAngleMilliradians,
            DetectorInnerMilliradians = dto.DetectorMilliradians is { Count: 2 } a ? a[0] : dto.DetectorMilliradians is null ? d.DetectorInnerMilliradians : throw new ArgumentException("detector_milliradians: expected [inner, outer]"),
            DetectorOuterMilliradians = dto.DetectorMilliradians is { Count: 2 } b ? b[1] : d.DetectorOuterMilliradians,
            Split = dto.Split?.ToArray() ?? d.Split,
        };
        r.Validate();
        return r;
    }

    /// <summary>The YAML text of <paramref name="r"/> (every key written).</summary>
    public static string Format(TiltDatasetRanges r)
    {
        static string L(IEnumerable<double> v) => "[" + string.Join(", ", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
        var inv = CultureInfo.InvariantCulture;
        return string.Join('\n',
            $"shapes: [{string.Join(", ", r.Shapes.Select(s => s.ToString().ToLowerInvariant()))}]",
            $"elements: [{string.Join(", ", r.Elements)}]",
            $"diameter_nanometres: {L(r.DiametersNanometres)}",
            $"orientations_per_cluster: {r.OrientationsPerCluster}",
            $"tilts: \"{r.Tilts}\"",
            $"image_pixels: {r.ImagePixels}",
            $"step_angstrom: {(r.StepAngstrom is double s ? s.ToString("R", inv) : "null")}",
            $"dose_electrons_per_angstrom2: {L([r.DoseElectronsPerAngstrom2.Min, r.DoseElectronsPerAngstrom2.Max])}",
            $"method: {r.Method.ToString().ToLowerInvariant()}",
            $"voltage_kilovolts: {r.VoltageKilovolts.ToString("R", inv)}",
            $"convergence_semi_angle_milliradians: {r.ConvergenceSemiAngleMilliradians.ToString("R", inv)}",
            $"detector_milliradians: {L([r.DetectorInnerMilliradians, r.DetectorOuterMilliradians])}",
            $"split: {L(r.Split)}") + "\n";
    }

    private sealed class Dto
    {
        public List<string>? Shapes { get; set; }
        public List<string>? Elements { get; set; }
        public List<double>? DiameterNanometres { get; set; }
        public int? OrientationsPerCluster { get; set; }
        public string? Tilts { get; set; }
        public int? ImagePixels { get; set; }
        public double? StepAngstrom { get; set; }
        public List<double>? DoseElectronsPerAngstrom2 { get; set; }
        public string? Method { get; set; }
        public double? VoltageKilovolts { get; set; }
        public double? ConvergenceSemiAngleMilliradians { get; set; }
        public List<double>? DetectorMilliradians { get; set; }
        public List<double>? Split { get; set; }
    }
}
