using System.Text.Json.Serialization;
using TemKit.Detector;
using TemKit.Simulation.Datasets;

namespace TemKit.Pipelines.Particle;

/// <summary>The params.json of a simulated particle image: every parameter with its unit in the key, and the outcome.</summary>
public sealed record ParticleImageSummary
{
    /// <summary>Random seed.</summary>
    [JsonPropertyName("seed")] public required int Seed { get; init; }

    /// <summary>The generated particle (<see cref="GeneratedStructure"/>) or the imported file (<see cref="ImportedStructure"/>).</summary>
    [JsonPropertyName("structure")] public required object Structure { get; init; }

    /// <summary>Atoms of the particle.</summary>
    [JsonPropertyName("particle_atoms")] public required int ParticleAtoms { get; init; }

    /// <summary>Atoms of the support.</summary>
    [JsonPropertyName("support_atoms")] public required int SupportAtoms { get; init; }

    /// <summary>Grid size (px, square).</summary>
    [JsonPropertyName("grid_px")] public required int GridPx { get; init; }

    /// <summary>Sampling (Å/px).</summary>
    [JsonPropertyName("pixel_size_angstrom")] public required double PixelSizeAngstrom { get; init; }

    /// <summary>Acceleration voltage (kV).</summary>
    [JsonPropertyName("voltage_kv")] public required double VoltageKilovolts { get; init; }

    /// <summary>Slice thickness (Å).</summary>
    [JsonPropertyName("slice_thickness_angstrom")] public required double SliceThicknessAngstrom { get; init; }

    /// <summary>Number of slices.</summary>
    [JsonPropertyName("slices")] public required int Slices { get; init; }

    /// <summary>Mean |ψ|² of the exit wave (incident = 1).</summary>
    [JsonPropertyName("exit_wave_mean_intensity")] public required double ExitWaveMeanIntensity { get; init; }

    /// <summary>Defocus (Å, positive = underfocus).</summary>
    [JsonPropertyName("defocus_angstrom")] public required double DefocusAngstrom { get; init; }

    /// <summary>The defocus sign convention, in words.</summary>
    [JsonPropertyName("defocus_convention")] public string DefocusConvention { get; init; } = "positive = underfocus (CTFFIND)";

    /// <summary>Spherical aberration Cs (mm).</summary>
    [JsonPropertyName("cs_mm")] public required double CsMillimetres { get; init; }

    /// <summary>Two-fold astigmatism Δf1 − Δf2 (Å).</summary>
    [JsonPropertyName("astigmatism_angstrom")] public required double AstigmatismAngstrom { get; init; }

    /// <summary>Azimuth of the Δf1 axis from +x (degrees).</summary>
    [JsonPropertyName("astigmatism_angle_deg")] public required double AstigmatismAngleDegrees { get; init; }

    /// <summary>Focal spread, standard deviation (Å).</summary>
    [JsonPropertyName("focal_spread_angstrom")] public required double FocalSpreadAngstrom { get; init; }

    /// <summary>Illumination convergence semi-angle (mrad).</summary>
    [JsonPropertyName("convergence_mrad")] public required double ConvergenceMilliradians { get; init; }

    /// <summary>Gaussian blur, standard deviation (Å).</summary>
    [JsonPropertyName("blur_angstrom")] public required double BlurAngstrom { get; init; }

    /// <summary>Frame dose (e/Å²).</summary>
    [JsonPropertyName("dose_e_per_angstrom2")] public required double DoseElectronsPerAngstrom2 { get; init; }

    /// <summary>Frame dose (e/px).</summary>
    [JsonPropertyName("dose_e_per_pixel")] public required double DoseElectronsPerPixel { get; init; }

    /// <summary>SOI Table 3 MTF model (0 = ideal).</summary>
    [JsonPropertyName("mtf_model")] public required int MtfModel { get; init; }

    /// <summary>Detector MTF c0 (fraction of Nyquist).</summary>
    [JsonPropertyName("mtf_c0")] public required double MtfC0 { get; init; }

    /// <summary>Detector MTF c3.</summary>
    [JsonPropertyName("mtf_c3")] public required double MtfC3 { get; init; }

    /// <summary>Readout noise N0 (e/px).</summary>
    [JsonPropertyName("readout_noise_e_per_pixel")] public required double ReadoutNoiseElectronsPerPixel { get; init; }

    /// <summary>Fraction of pixels inside the particle mask.</summary>
    [JsonPropertyName("mask_fraction")] public required float MaskFraction { get; init; }

    /// <summary>The summary of a finished simulation.</summary>
    public static ParticleImageSummary From(ParticleImageParameters p, ParticleCase sim, DetectorModel detector)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(detector);
        var particle = p.Particle;
        return new ParticleImageSummary
        {
            Seed = p.Seed,
            Structure = p.XyzPath is null
                ? new GeneratedStructure(particle.Element, particle.ResolvedLatticeConstantAngstrom, particle.DiameterNanometres, particle.WithSupport,
                    sim.Geometry!.TiltDegrees, sim.Geometry.TiltAxisDegrees, sim.Geometry.RotationDegrees, sim.Geometry.TruncationLayers)
                : new ImportedStructure(Path.GetFullPath(p.XyzPath)),
            ParticleAtoms = sim.Specimen.Particle.Length,
            SupportAtoms = sim.Specimen.Support.Length,
            GridPx = p.Grid.Nx,
            PixelSizeAngstrom = p.Grid.PixelSizeAngstrom,
            VoltageKilovolts = p.Multislice.VoltageKilovolts,
            SliceThicknessAngstrom = sim.SliceThicknessAngstrom,
            Slices = sim.SliceCount,
            ExitWaveMeanIntensity = sim.ExitWave.MeanIntensity,
            DefocusAngstrom = p.Optics.DefocusAngstrom,
            CsMillimetres = p.Optics.CsMillimetres,
            AstigmatismAngstrom = p.Optics.AstigmatismAngstrom,
            AstigmatismAngleDegrees = p.Optics.AstigmatismAngleDegrees,
            FocalSpreadAngstrom = p.Optics.FocalSpreadAngstrom,
            ConvergenceMilliradians = p.Optics.ConvergenceSemiAngleMilliradians,
            BlurAngstrom = p.Optics.BlurAngstrom,
            DoseElectronsPerAngstrom2 = p.DoseElectronsPerAngstrom2,
            DoseElectronsPerPixel = p.DoseElectronsPerAngstrom2 * p.Grid.PixelSizeAngstrom * p.Grid.PixelSizeAngstrom,
            MtfModel = p.MtfModel,
            MtfC0 = detector.C0,
            MtfC3 = detector.C3,
            ReadoutNoiseElectronsPerPixel = detector.ReadoutNoiseElectronsPerPixel,
            MaskFraction = sim.Mask.Pixels.ToArray().Average(),
        };
    }
}

/// <summary>The params.json "structure" of a generated particle.</summary>
/// <param name="Element">FCC metal (element symbol).</param>
/// <param name="LatticeConstantAngstrom">FCC lattice constant (Å).</param>
/// <param name="DiameterNanometres">Particle diameter (nm).</param>
/// <param name="Support">Whether the CeO2 support slab was built.</param>
/// <param name="TiltDegrees">Particle tilt (degrees).</param>
/// <param name="TiltAxisDegrees">Azimuth of the tilt axis (degrees).</param>
/// <param name="RotationDegrees">In-plane rotation (degrees).</param>
/// <param name="TruncationLayers">Atomic layers cut off at the support.</param>
public sealed record GeneratedStructure(
    [property: JsonPropertyName("element")] string Element,
    [property: JsonPropertyName("lattice_constant_angstrom")] double LatticeConstantAngstrom,
    [property: JsonPropertyName("diameter_nm")] double DiameterNanometres,
    [property: JsonPropertyName("support")] bool Support,
    [property: JsonPropertyName("tilt_deg")] double TiltDegrees,
    [property: JsonPropertyName("tilt_axis_deg")] double TiltAxisDegrees,
    [property: JsonPropertyName("rotation_deg")] double RotationDegrees,
    [property: JsonPropertyName("truncation_layers")] int TruncationLayers);

/// <summary>The params.json "structure" of an imported XYZ file.</summary>
/// <param name="Xyz">Absolute path of the XYZ file.</param>
public sealed record ImportedStructure([property: JsonPropertyName("xyz")] string Xyz);
