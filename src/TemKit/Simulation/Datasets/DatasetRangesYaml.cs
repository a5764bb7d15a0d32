using TemKit.IO;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TemKit.Simulation.Datasets;

/// <summary>
/// Reads and writes <see cref="DatasetRanges"/> as YAML with snake_case keys; every range is a two-element list
/// <c>[min, max]</c> (<c>[v]</c> or <c>[v, v]</c> for a fixed value). Keys left out keep their Table 1 defaults; unknown keys are errors.
/// </summary>
public static class DatasetRangesYaml
{
    /// <summary>Reads a ranges file; throws <see cref="TemKitFormatException"/> naming the key or line at fault.</summary>
    public static DatasetRanges Read(string path) => RangesYamlFile.Read(path, Parse, "docs/simulation.md");

    /// <summary>Parses YAML text (see the type summary); throws <see cref="YamlException"/> or <see cref="ArgumentException"/>.</summary>
    public static DatasetRanges Parse(string yaml)
    {
        var dto = RangesYamlFile.Deserialize<Dto>(yaml);
        var d = DatasetRanges.Table1;
        var ranges = new DatasetRanges
        {
            VoltageKilovolts = dto.VoltageKilovolts ?? d.VoltageKilovolts,
            GridPixels = dto.GridPixels ?? d.GridPixels,
            PixelSizeAngstrom = ParameterRange.FromList(dto.PixelSizeAngstrom, "pixel_size_angstrom") ?? d.PixelSizeAngstrom,
            DefocusAngstrom = ParameterRange.FromList(dto.DefocusAngstrom, "defocus_angstrom") ?? d.DefocusAngstrom,
            CsMillimetres = ParameterRange.FromList(dto.CsMillimetres, "cs_millimetres") ?? d.CsMillimetres,
            AstigmatismAngstrom = ParameterRange.FromList(dto.AstigmatismAngstrom, "astigmatism_angstrom") ?? d.AstigmatismAngstrom,
            FocalSpreadAngstrom = ParameterRange.FromList(dto.FocalSpreadAngstrom, "focal_spread_angstrom") ?? d.FocalSpreadAngstrom,
            ConvergenceSemiAngleMilliradians = ParameterRange.FromList(dto.ConvergenceSemiAngleMilliradians, "convergence_semi_angle_milliradians") ?? d.ConvergenceSemiAngleMilliradians,
            BlurAngstrom = ParameterRange.FromList(dto.BlurAngstrom, "blur_angstrom") ?? d.BlurAngstrom,
            DoseElectronsPerAngstrom2 = ParameterRange.FromList(dto.DoseElectronsPerAngstrom2, "dose_electrons_per_angstrom2") ?? d.DoseElectronsPerAngstrom2,
            Element = dto.Element ?? d.Element,
            LatticeConstantAngstrom = dto.LatticeConstantAngstrom ?? d.LatticeConstantAngstrom,
            DiameterNanometres = ParameterRange.FromList(dto.DiameterNanometres, "diameter_nanometres") ?? d.DiameterNanometres,
            MaxTiltDegrees = dto.MaxTiltDegrees ?? d.MaxTiltDegrees,
            Support = dto.Support ?? d.Support,
            SupportThicknessAngstrom = dto.SupportThicknessAngstrom ?? d.SupportThicknessAngstrom,
            SliceThicknessAngstrom = dto.SliceThicknessAngstrom ?? d.SliceThicknessAngstrom,
            MtfModel = dto.MtfModel ?? d.MtfModel,
        };
        ranges.Validate();
        return ranges;
    }

    /// <summary>The YAML text of <paramref name="r"/> (every key written).</summary>
    public static string Format(DatasetRanges r)
    {
        static string R(ParameterRange p) => FormattableString.Invariant($"[{p.Min:R}, {p.Max:R}]");
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return string.Join('\n',
            FormattableString.Invariant($"voltage_kilovolts: {r.VoltageKilovolts:R}"),
            FormattableString.Invariant($"grid_pixels: {r.GridPixels}"),
            $"pixel_size_angstrom: {R(r.PixelSizeAngstrom)}",
            $"defocus_angstrom: {R(r.DefocusAngstrom)}",
            $"cs_millimetres: {R(r.CsMillimetres)}",
            $"astigmatism_angstrom: {R(r.AstigmatismAngstrom)}",
            $"focal_spread_angstrom: {R(r.FocalSpreadAngstrom)}",
            $"convergence_semi_angle_milliradians: {R(r.ConvergenceSemiAngleMilliradians)}",
            $"blur_angstrom: {R(r.BlurAngstrom)}",
            $"dose_electrons_per_angstrom2: {R(r.DoseElectronsPerAngstrom2)}",
            $"element: {r.Element}",
            $"lattice_constant_angstrom: {(r.LatticeConstantAngstrom is double a ? a.ToString("R", inv) : "null")}",
            $"diameter_nanometres: {R(r.DiameterNanometres)}",
            FormattableString.Invariant($"max_tilt_degrees: {r.MaxTiltDegrees:R}"),
            $"support: {(r.Support ? "true" : "false")}",
            FormattableString.Invariant($"support_thickness_angstrom: {r.SupportThicknessAngstrom:R}"),
            FormattableString.Invariant($"slice_thickness_angstrom: {r.SliceThicknessAngstrom:R}"),
            $"mtf_model: {r.MtfModel}") + "\n";
    }


    // YamlDotNet target: nullable members so that absent keys keep their defaults.
    private sealed class Dto
    {
        public double? VoltageKilovolts { get; set; }
        public int? GridPixels { get; set; }
        public List<double>? PixelSizeAngstrom { get; set; }
        public List<double>? DefocusAngstrom { get; set; }
        public List<double>? CsMillimetres { get; set; }
        public List<double>? AstigmatismAngstrom { get; set; }
        public List<double>? FocalSpreadAngstrom { get; set; }
        public List<double>? ConvergenceSemiAngleMilliradians { get; set; }
        public List<double>? BlurAngstrom { get; set; }
        public List<double>? DoseElectronsPerAngstrom2 { get; set; }
        public string? Element { get; set; }
        public double? LatticeConstantAngstrom { get; set; }
        public List<double>? DiameterNanometres { get; set; }
        public double? MaxTiltDegrees { get; set; }
        public bool? Support { get; set; }
        public double? SupportThicknessAngstrom { get; set; }
        public double? SliceThicknessAngstrom { get; set; }
        public int? MtfModel { get; set; }
    }
}
