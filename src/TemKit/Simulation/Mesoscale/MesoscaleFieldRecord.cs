using CsvHelper.Configuration.Attributes;

namespace TemKit.Simulation.Mesoscale;

/// <summary>One row of a mesoscale dataset's fields.csv: the truth of one field (units in the column names).</summary>
public sealed class MesoscaleFieldRecord
{
    /// <summary>Field index (0-based).</summary>
    [Name("field")] public int Field { get; init; }
    /// <summary>Seed of the field's random stream (SplitMix64 of the dataset seed and the field index).</summary>
    [Name("field_seed")] public int FieldSeed { get; init; }
    /// <summary>Image file, relative to the dataset folder (images/fNNNNN.mrc).</summary>
    [Name("image")] public string Image { get; init; } = "";
    /// <summary>Mask file, relative to the dataset folder (masks/fNNNNN.mrc).</summary>
    [Name("mask")] public string Mask { get; init; } = "";
    /// <summary>Field side (px).</summary>
    [Name("size_px")] public int SizePx { get; init; }
    /// <summary>Sampling (Å/px).</summary>
    [Name("pixel_size_angstrom")] public double PixelSizeAngstrom { get; init; }
    /// <summary>Acceleration voltage (kV).</summary>
    [Name("voltage_kv")] public double VoltageKilovolts { get; init; }
    /// <summary>Spherical aberration (mm).</summary>
    [Name("cs_mm")] public double CsMillimetres { get; init; }
    /// <summary>Amplitude contrast fraction.</summary>
    [Name("amplitude_contrast")] public double AmplitudeContrast { get; init; }
    /// <summary>Mean defocus (Å, positive = underfocus).</summary>
    [Name("defocus_angstrom")] public double DefocusAngstrom { get; init; }
    /// <summary>Defocus along the astigmatism axis Δf1 (Å).</summary>
    [Name("defocus1_angstrom")] public double Defocus1Angstrom { get; init; }
    /// <summary>Defocus perpendicular to it Δf2 (Å).</summary>
    [Name("defocus2_angstrom")] public double Defocus2Angstrom { get; init; }
    /// <summary>Azimuth of the Δf1 axis from +x (degrees).</summary>
    [Name("astigmatism_angle_deg")] public double AstigmatismAngleDegrees { get; init; }
    /// <summary>Frame dose (e/Å²).</summary>
    [Name("dose_e_per_angstrom2")] public double DoseElectronsPerAngstrom2 { get; init; }
    /// <summary>Fibres in the field.</summary>
    [Name("fibres")] public int Fibres { get; init; }
    /// <summary>Vesicles in the field.</summary>
    [Name("vesicles")] public int Vesicles { get; init; }
    /// <summary>Spheres in the field.</summary>
    [Name("spheres")] public int Spheres { get; init; }
    /// <summary>Fraction of the field inside the mask.</summary>
    [Name("mask_fraction")] public double MaskFraction { get; init; }
    /// <summary>Fresnel fringe scale √(λ Δf) (Å).</summary>
    [Name("fringe_width_angstrom")] public double FringeWidthAngstrom { get; init; }
    /// <summary>Spatial frequency of the first CTF zero at the mean defocus (1/Å).</summary>
    [Name("first_zero_inv_angstrom")] public double FirstZeroInverseAngstrom { get; init; }

    /// <summary>The record of field <paramref name="index"/>.</summary>
    public static MesoscaleFieldRecord Of(int index, int seed, MesoscaleField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var i = field.Imaging;
        var ctf = i.Ctf;
        var s = field.Specimen;
        return new MesoscaleFieldRecord
        {
            Field = index, FieldSeed = seed, Image = MesoscaleDataset.ImagePath(index), Mask = MesoscaleDataset.MaskPath(index),
            SizePx = s.SizePx, PixelSizeAngstrom = s.PixelSizeAngstrom, VoltageKilovolts = i.Optics.VoltageKilovolts, CsMillimetres = i.Optics.CsMillimetres,
            AmplitudeContrast = i.Optics.AmplitudeContrast, DefocusAngstrom = i.DefocusAngstrom, Defocus1Angstrom = ctf.Defocus1Angstrom,
            Defocus2Angstrom = ctf.Defocus2OrDefocus1Angstrom, AstigmatismAngleDegrees = i.AstigmatismAngleDegrees,
            DoseElectronsPerAngstrom2 = i.DoseElectronsPerAngstrom2,
            Fibres = s.Objects.Count(o => o.Kind == PhaseObjectKind.Fibre), Vesicles = s.Objects.Count(o => o.Kind == PhaseObjectKind.Vesicle),
            Spheres = s.Objects.Count(o => o.Kind == PhaseObjectKind.Sphere), MaskFraction = s.MaskFraction,
            FringeWidthAngstrom = Math.Sqrt(ctf.WavelengthAngstrom * Math.Abs(i.DefocusAngstrom)),
            FirstZeroInverseAngstrom = new Optics.Ctf(ctf with { Defocus1Angstrom = i.DefocusAngstrom, Defocus2Angstrom = i.DefocusAngstrom }).ZeroFrequency(1, 0),
        };
    }
}
