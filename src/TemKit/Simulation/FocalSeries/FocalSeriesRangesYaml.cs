using TemKit.IO;
using TemKit.Simulation.Datasets;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace TemKit.Simulation.FocalSeries;

/// <summary>
/// Reads and writes <see cref="FocalSeriesRanges"/> as YAML with snake_case keys, like <see cref="DatasetRangesYaml"/>:
/// ranges are <c>[min, max]</c> or <c>[value]</c>; keys left out keep their defaults; unknown keys are errors.
/// </summary>
public static class FocalSeriesRangesYaml
{
    /// <summary>Reads a ranges file; throws <see cref="TemKitFormatException"/> naming the key or line at fault.</summary>
    public static FocalSeriesRanges Read(string path) => RangesYamlFile.Read(path, Parse, "docs/species.md");

    /// <summary>Parses YAML text; throws <see cref="YamlException"/> or <see cref="ArgumentException"/>.</summary>
    public static FocalSeriesRanges Parse(string yaml)
    {
        var dto = RangesYamlFile.Deserialize<Dto>(yaml);
        var d = FocalSeriesRanges.Default;
        var r = new FocalSeriesRanges
        {
            VoltageKilovolts = dto.VoltageKilovolts ?? d.VoltageKilovolts,
            GridPixels = dto.GridPixels ?? d.GridPixels,
            PixelSizeAngstrom = ParameterRange.FromList(dto.PixelSizeAngstrom, "pixel_size_angstrom") ?? d.PixelSizeAngstrom,
            DefocusCentreAngstrom = ParameterRange.FromList(dto.DefocusCentreAngstrom, "defocus_centre_angstrom") ?? d.DefocusCentreAngstrom,
            DefocusStepAngstrom = ParameterRange.FromList(dto.DefocusStepAngstrom, "defocus_step_angstrom") ?? d.DefocusStepAngstrom,
            DefocusSeriesAngstrom = dto.DefocusSeriesAngstrom ?? d.DefocusSeriesAngstrom,
            CsMillimetres = ParameterRange.FromList(dto.CsMillimetres, "cs_millimetres") ?? d.CsMillimetres,
            AstigmatismAngstrom = ParameterRange.FromList(dto.AstigmatismAngstrom, "astigmatism_angstrom") ?? d.AstigmatismAngstrom,
            FocalSpreadAngstrom = ParameterRange.FromList(dto.FocalSpreadAngstrom, "focal_spread_angstrom") ?? d.FocalSpreadAngstrom,
            ConvergenceSemiAngleMilliradians = ParameterRange.FromList(dto.ConvergenceSemiAngleMilliradians, "convergence_semi_angle_milliradians") ?? d.ConvergenceSemiAngleMilliradians,
            BlurAngstrom = ParameterRange.FromList(dto.BlurAngstrom, "blur_angstrom") ?? d.BlurAngstrom,
            DoseElectronsPerAngstrom2 = ParameterRange.FromList(dto.DoseElectronsPerAngstrom2, "dose_electrons_per_angstrom2") ?? d.DoseElectronsPerAngstrom2,
            MtfModel = dto.MtfModel ?? d.MtfModel,
            SliceThicknessAngstrom = dto.SliceThicknessAngstrom ?? d.SliceThicknessAngstrom,
            Compound = dto.Compound ?? d.Compound,
            SingleVacancyFraction = ParameterRange.FromList(dto.SingleVacancyFraction, "single_vacancy_fraction") ?? d.SingleVacancyFraction,
            DoubleVacancyFraction = ParameterRange.FromList(dto.DoubleVacancyFraction, "double_vacancy_fraction") ?? d.DoubleVacancyFraction,
            MetalVacancyFraction = ParameterRange.FromList(dto.MetalVacancyFraction, "metal_vacancy_fraction") ?? d.MetalVacancyFraction,
            GrapheneProbability = dto.GrapheneProbability ?? d.GrapheneProbability,
            LabelRadiusAngstrom = dto.LabelRadiusAngstrom ?? d.LabelRadiusAngstrom,
        };
        r.Validate();
        return r;
    }

    /// <summary>The YAML text of <paramref name="r"/> (every key written).</summary>
    public static string Format(FocalSeriesRanges r)
    {
        static string R(ParameterRange p) => FormattableString.Invariant($"[{p.Min:R}, {p.Max:R}]");
        string series = r.DefocusSeriesAngstrom is { } f ? FormattableString.Invariant($"[{f[0]:R}, {f[1]:R}, {f[2]:R}]") : "null";
        return string.Join('\n',
            FormattableString.Invariant($"voltage_kilovolts: {r.VoltageKilovolts:R}"),
            FormattableString.Invariant($"grid_pixels: {r.GridPixels}"),
            $"pixel_size_angstrom: {R(r.PixelSizeAngstrom)}",
            $"defocus_centre_angstrom: {R(r.DefocusCentreAngstrom)}",
            $"defocus_step_angstrom: {R(r.DefocusStepAngstrom)}",
            $"defocus_series_angstrom: {series}",
            $"cs_millimetres: {R(r.CsMillimetres)}",
            $"astigmatism_angstrom: {R(r.AstigmatismAngstrom)}",
            $"focal_spread_angstrom: {R(r.FocalSpreadAngstrom)}",
            $"convergence_semi_angle_milliradians: {R(r.ConvergenceSemiAngleMilliradians)}",
            $"blur_angstrom: {R(r.BlurAngstrom)}",
            $"dose_electrons_per_angstrom2: {R(r.DoseElectronsPerAngstrom2)}",
            $"mtf_model: {r.MtfModel}",
            FormattableString.Invariant($"slice_thickness_angstrom: {r.SliceThicknessAngstrom:R}"),
            $"compound: {r.Compound}",
            $"single_vacancy_fraction: {R(r.SingleVacancyFraction)}",
            $"double_vacancy_fraction: {R(r.DoubleVacancyFraction)}",
            $"metal_vacancy_fraction: {R(r.MetalVacancyFraction)}",
            FormattableString.Invariant($"graphene_probability: {r.GrapheneProbability:R}"),
            FormattableString.Invariant($"label_radius_angstrom: {r.LabelRadiusAngstrom:R}")) + "\n";
    }


    // YamlDotNet target: nullable members so that absent keys keep their defaults.
    private sealed class Dto
    {
        public double? VoltageKilovolts { get; set; }
        public int? GridPixels { get; set; }
        public List<double>? PixelSizeAngstrom { get; set; }
        public List<double>? DefocusCentreAngstrom { get; set; }
        public List<double>? DefocusStepAngstrom { get; set; }
        public List<double>? DefocusSeriesAngstrom { get; set; }
        public List<double>? CsMillimetres { get; set; }
        public List<double>? AstigmatismAngstrom { get; set; }
        public List<double>? FocalSpreadAngstrom { get; set; }
        public List<double>? ConvergenceSemiAngleMilliradians { get; set; }
        public List<double>? BlurAngstrom { get; set; }
        public List<double>? DoseElectronsPerAngstrom2 { get; set; }
        public int? MtfModel { get; set; }
        public double? SliceThicknessAngstrom { get; set; }
        public string? Compound { get; set; }
        public List<double>? SingleVacancyFraction { get; set; }
        public List<double>? DoubleVacancyFraction { get; set; }
        public List<double>? MetalVacancyFraction { get; set; }
        public double? GrapheneProbability { get; set; }
        public double? LabelRadiusAngstrom { get; set; }
    }
}
