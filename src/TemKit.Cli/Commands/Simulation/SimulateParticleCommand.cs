using System.CommandLine;
using TemKit.Numerics;
using TemKit.Optics;
using System.Text.Json;
using TemKit.Cli.Infrastructure;
using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Imaging.Display;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Transfer;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate particle</c>: one supported particle (or an XYZ structure), one image.</summary>
internal static class SimulateParticleCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder (image.mrc, intensity.mrc, mask.mrc, exitwave.mrc, structure.xyz, params.json, PNG previews)", Required = true };
        var element = new Option<string>("--element") { Description = "FCC metal of the particle (element symbol)", DefaultValueFactory = _ => "Au" };
        var lattice = new Option<double?>("--lattice-constant-angstrom") { Description = "FCC lattice constant (Å); default: the element's tabulated value" }.Within(Limits.Positive(100, "Å"));
        var diameter = new Option<double>("--diameter-nm") { Description = "Particle diameter (nm)", DefaultValueFactory = _ => 2.5 }.Within(Limits.Positive(1000, "nm"));
        var seed = new Option<int>("--seed") { Description = "Random seed (particle tilt, truncation, rotation; detector noise)", DefaultValueFactory = _ => 1 }.AnyValue();
        var noSupport = new Option<bool>("--no-support") { Description = "Leave out the CeO2 (111) support slab" };
        var xyz = new Option<string?>("--xyz") { Description = "Simulate this XYZ structure instead of a generated particle (atoms tagged 0 are support)" };
        var grid = new Option<int>("--grid") { Description = "Image size (px, square)", DefaultValueFactory = _ => 512 }.Whole(16, 16384, "px");
        var pixel = new Option<double>("--pixel-size-angstrom") { Description = "Sampling (Å/px)", DefaultValueFactory = _ => 0.075 }.Within(OpticsLimits.PixelSizeAngstrom);
        var slice = new Option<double>("--slice-thickness-angstrom") { Description = "Multislice slice thickness (Å)", DefaultValueFactory = _ => 2.0 }.Within(Limits.Positive(1000, "Å"));
        var voltage = new Option<double>("--voltage-kv") { Description = "Acceleration voltage (kV)", DefaultValueFactory = _ => 300.0 }.Within(OpticsLimits.VoltageKilovolts);
        var defocus = new Option<double>("--defocus-angstrom") { Description = "Defocus (Å, positive = underfocus)", DefaultValueFactory = _ => 0.0 }.Within(OpticsLimits.DefocusAngstrom);
        var cs = new Option<double>("--cs-mm") { Description = "Spherical aberration Cs (mm)", DefaultValueFactory = _ => 0.006225 }.Within(OpticsLimits.CsMillimetres);
        var astig = new Option<double>("--astigmatism-angstrom") { Description = "Two-fold astigmatism Δf1 − Δf2 (Å)", DefaultValueFactory = _ => 0.0 }.Within(Limits.NonNegative(1e5, "Å"));
        var astigAngle = new Option<double>("--astigmatism-angle-deg") { Description = "Azimuth of the Δf1 axis from +x (degrees)", DefaultValueFactory = _ => 0.0 }.Within(new Limits(-360, 360, "°"));
        var focalSpread = new Option<double>("--focal-spread-angstrom") { Description = "Focal spread, standard deviation (Å)", DefaultValueFactory = _ => 12.5 }.Within(Limits.NonNegative(1e4, "Å"));
        var convergence = new Option<double>("--convergence-mrad") { Description = "Illumination convergence semi-angle (mrad)", DefaultValueFactory = _ => 0.2 }.Within(Limits.NonNegative(100, "mrad"));
        var blur = new Option<double>("--blur-angstrom") { Description = "Gaussian blur, standard deviation (Å)", DefaultValueFactory = _ => 0.45 }.Within(Limits.NonNegative(1000, "Å"));
        var dose = new Option<double>("--dose-e-per-A2") { Description = "Frame dose (e/Å²)", DefaultValueFactory = _ => 1000.0 }.Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var mtf = new Option<int>("--mtf-model") { Description = "Detector: SOI Table 3 MTF model 1..5 (centre of its ranges; default 4, the paper's best), 0 = ideal counting detector", DefaultValueFactory = _ => 4 }.Whole(0, 5, "(0 = ideal, 1..5 SOI Table 3)");
        var command = new Command("particle", "Simulate one supported nanoparticle (or an XYZ structure): exit wave, image, mask.")
        {
            output, element, lattice, diameter, seed, noSupport, xyz, grid, pixel, slice, voltage, defocus, cs, astig, astigAngle, focalSpread, convergence, blur, dose, mtf,
        };
        command.SetAction(parse =>
        {
            string outDir = parse.GetValue(output)!;
            OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var simGrid = new SimulationGrid(parse.GetValue(grid), parse.GetValue(grid), parse.GetValue(pixel));
            var potential = new PotentialParameters(parse.GetValue(slice));
            var multislice = new MultisliceParameters(parse.GetValue(voltage));
            var optics = new ImagingParameters(parse.GetValue(defocus), parse.GetValue(cs), parse.GetValue(astig), parse.GetValue(astigAngle),
                parse.GetValue(focalSpread), parse.GetValue(convergence), parse.GetValue(blur));
            double doseValue = parse.GetValue(dose);
            int mtfModel = parse.GetValue(mtf);
            int seedValue = parse.GetValue(seed);
            var particle = new FccParticleParameters(parse.GetValue(element)!, parse.GetValue(lattice), parse.GetValue(diameter), WithSupport: !parse.GetValue(noSupport));
            string? xyzPath = parse.GetValue(xyz);
            var detector = SimulateCommand.Checked(() =>
            {
                simGrid.Validate();
                potential.Validate();
                multislice.Validate();
                optics.Validate();
                if (!(doseValue > 0) || !double.IsFinite(doseValue)) throw new UsageException($"--dose-e-per-A2 must be > 0 e/Å², got {doseValue}");
                if (mtfModel is < 0 or > 5) throw new ArgumentException($"--mtf-model must be 0..5, got {mtfModel}");
                if (xyzPath is null) particle.Validate();
                return mtfModel == 0 ? DetectorModel.Ideal : DetectorModel.Preset(mtfModel);
            });
            var rng = new Random(seedValue);
            ParticleCase sim = null!;
            Console2.WithProgress("potential, multislice", 2, advance =>
                sim = SimulateCommand.Checked(() => xyzPath is null
                    ? ParticleSimulation.Simulate(particle, simGrid, potential, multislice, rng, advance)
                    : ParticleSimulation.Simulate(Centred(XyzFile.Read(xyzPath), simGrid), null, simGrid, potential, multislice, advance)));
            var imager = new WaveImager(sim.ExitWave);
            var (detected, intensity) = ParticleSimulation.RenderEpoch(imager, optics, doseValue, detector, rng);
            OutputPaths.RequireFolder(outDir, "--output");
            MrcFile.Write(Path.Combine(outDir, "image.mrc"), detected);
            MrcFile.Write(Path.Combine(outDir, "intensity.mrc"), intensity);
            MrcFile.Write(Path.Combine(outDir, "mask.mrc"), sim.Mask);
            sim.ExitWave.WriteMrc(Path.Combine(outDir, "exitwave.mrc"));
            XyzFile.Write(Path.Combine(outDir, "structure.xyz"), sim.Specimen, sim.SliceCount * sim.SliceThicknessAngstrom);
            PngWriter.WriteImage(Path.Combine(outDir, "image.png"), detected);
            PngWriter.WriteImage(Path.Combine(outDir, "intensity.png"), intensity);
            PngWriter.WriteImage(Path.Combine(outDir, "mask.png"), sim.Mask, new DisplayScale(0, 100));
            var summary = new
            {
                seed = seedValue,
                structure = xyzPath is null ? (object)new
                {
                    element = particle.Element, lattice_constant_angstrom = particle.ResolvedLatticeConstantAngstrom, diameter_nm = particle.DiameterNanometres,
                    support = particle.WithSupport, tilt_deg = sim.Geometry!.TiltDegrees, tilt_axis_deg = sim.Geometry.TiltAxisDegrees,
                    rotation_deg = sim.Geometry.RotationDegrees, truncation_layers = sim.Geometry.TruncationLayers,
                } : new { xyz = Path.GetFullPath(xyzPath) },
                particle_atoms = sim.Specimen.Particle.Length, support_atoms = sim.Specimen.Support.Length,
                grid_px = simGrid.Nx, pixel_size_angstrom = simGrid.PixelSizeAngstrom, voltage_kv = multislice.VoltageKilovolts,
                slice_thickness_angstrom = sim.SliceThicknessAngstrom, slices = sim.SliceCount, exit_wave_mean_intensity = sim.ExitWave.MeanIntensity,
                defocus_angstrom = optics.DefocusAngstrom, defocus_convention = "positive = underfocus (CTFFIND)", cs_mm = optics.CsMillimetres,
                astigmatism_angstrom = optics.AstigmatismAngstrom, astigmatism_angle_deg = optics.AstigmatismAngleDegrees,
                focal_spread_angstrom = optics.FocalSpreadAngstrom, convergence_mrad = optics.ConvergenceSemiAngleMilliradians, blur_angstrom = optics.BlurAngstrom,
                dose_e_per_angstrom2 = doseValue, dose_e_per_pixel = doseValue * simGrid.PixelSizeAngstrom * simGrid.PixelSizeAngstrom,
                mtf_model = mtfModel, mtf_c0 = detector.C0, mtf_c3 = detector.C3, readout_noise_e_per_pixel = detector.ReadoutNoiseElectronsPerPixel,
                mask_fraction = sim.Mask.Pixels.ToArray().Average(),
            };
            AtomicFile.WriteAllText(Path.Combine(outDir, "params.json"), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.WriteLine($"{outDir}: {sim.Specimen.Particle.Length} particle + {sim.Specimen.Support.Length} support atoms, {sim.SliceCount} slices, {simGrid.Nx}x{simGrid.Ny} at {simGrid.PixelSizeAngstrom} Å/px");
            return ExitCodes.Ok;
        });
        return command;
    }

    // An imported structure is centred in the grid's cell (x, y) and starts 1 Å below the entrance surface (z).
    private static Specimen Centred(Specimen s, SimulationGrid grid)
    {
        var all = s.All;
        double cx = 0.5 * (all.Min(a => a.XAngstrom) + all.Max(a => a.XAngstrom)), cy = 0.5 * (all.Min(a => a.YAngstrom) + all.Max(a => a.YAngstrom));
        double z0 = all.Min(a => a.ZAngstrom);
        double dx = grid.CellXAngstrom / 2 - cx, dy = grid.CellYAngstrom / 2 - cy, dz = 1 - z0;
        return new Specimen([.. s.Particle.Select(a => a.Translated(dx, dy, dz))], [.. s.Support.Select(a => a.Translated(dx, dy, dz))], grid.CellXAngstrom, grid.CellYAngstrom);
    }
}
