using System.CommandLine;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Cli.Infrastructure;
using TemKit.Pipelines.Particle;
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
        var output = new Option<string>("--output", "-o") { Description = "Output folder (image.mrc, intensity.mrc, mask.mrc, exitwave.mrc, structure.xyz, params.json, PNG previews; with --labels columns also columns.mrc, columns.csv, columns.png)", Required = true };
        var element = new Option<string>("--element") { Description = "FCC metal of the particle (element symbol)", DefaultValueFactory = _ => "Au" };
        var lattice = new Option<double?>("--lattice-constant-angstrom") { Description = "FCC lattice constant (Å); default: the element's tabulated value" }.Within(Limits.Positive(100, "Å"));
        var diameter = new Option<double>("--diameter-nm") { Description = "Particle diameter (nm)", DefaultValueFactory = _ => 2.5 }.Within(Limits.Positive(1000, "nm"));
        var seed = new Option<int>("--seed") { Description = "Random seed (particle tilt, truncation, rotation; detector noise)", DefaultValueFactory = _ => 1 }.AnyValue();
        var tilt = new Option<double?>("--tilt-deg") { Description = "Tilt of the particle off the [110] zone axis (degrees, 0..90); default: random, uniform in 0..3" }.Within(new Limits(0, 90, "°"));
        var tiltAxis = new Option<double?>("--tilt-axis-deg") { Description = "Azimuth of the in-plane tilt axis from +x (degrees); default: random" }.Within(new Limits(-360, 360, "°"));
        var rotation = new Option<double?>("--rotation-deg") { Description = "In-plane rotation of the particle about the beam (degrees); default: random" }.Within(new Limits(-360, 360, "°"));
        var noSupport = new Option<bool>("--no-support") { Description = "Leave out the CeO2 (111) support slab" };
        var xyz = new Option<string?>("--xyz") { Description = "Simulate this XYZ structure instead of a generated particle (atoms tagged 0 are support)" };
        var grid = new Option<int>("--grid") { Description = "Image size (px, square)", DefaultValueFactory = _ => 512 }.Whole(16, 16384, "px");
        var pixel = SharedOptions.PixelSizeAngstrom("Sampling (Å/px)", 0.075).Within(OpticsLimits.PixelSizeAngstrom);
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
        var mtf = new Option<int>("--mtf-model") { Description = "Detector: MTF model 1..5 of Table 3 in the supplementary of Leth Larsen et al., 'Quantifying noise limitations of neural network segmentations in HRTEM' (centre of its ranges; default 4, the one that paper found best), 0 = ideal counting detector", DefaultValueFactory = _ => 4 }.Whole(0, 5, "(0 = ideal, 1..5 SOI Table 3)");
        var labels = new ColumnLabelOptionSet();
        var command = new Command("particle", "Simulate one supported nanoparticle (or an XYZ structure): exit wave, image, mask.")
        {
            output, element, lattice, diameter, seed, tilt, tiltAxis, rotation, noSupport, xyz, grid, pixel.Option, slice, voltage, defocus, cs, astig, astigAngle, focalSpread, convergence, blur, dose, mtf,
        };
        labels.AddTo(command);
        command.SetAction(parse =>
        {
            string outDir = parse.GetValue(output)!;
            OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            if (parse.GetValue(xyz) is { } xyzInput) OutputPaths.RequireNotAnInput(Path.Combine(outDir, "structure.xyz"), "--output", xyzInput);
            var simGrid = new SimulationGrid(parse.GetValue(grid), parse.GetValue(grid), pixel.Get(parse));
            var potential = new PotentialParameters(parse.GetValue(slice));
            var multislice = new MultisliceParameters(parse.GetValue(voltage));
            var optics = new ImagingParameters(parse.GetValue(defocus), parse.GetValue(cs), parse.GetValue(astig), parse.GetValue(astigAngle),
                parse.GetValue(focalSpread), parse.GetValue(convergence), parse.GetValue(blur));
            var particle = new FccParticleParameters(parse.GetValue(element)!, parse.GetValue(lattice), parse.GetValue(diameter), WithSupport: !parse.GetValue(noSupport),
                TiltDegrees: parse.GetValue(tilt), TiltAxisDegrees: parse.GetValue(tiltAxis), RotationDegrees: parse.GetValue(rotation));
            var parameters = new ParticleImageParameters(particle, parse.GetValue(xyz), simGrid, potential, multislice, optics,
                parse.GetValue(dose), parse.GetValue(mtf), parse.GetValue(seed), labels.Options(parse));
            SimulateCommand.Checked(() => { parameters.Validate(); return 0; });
            var result = SimulateCommand.Checked(() => Console2.RunWithProgress(progress => ParticleImage.Simulate(parameters, progress)));
            ParticleImage.WriteFolder(outDir, result);
            var sim = result.Case;
            Console.WriteLine($"{outDir}: {sim.Specimen.Particle.Length} particle + {sim.Specimen.Support.Length} support atoms, {sim.SliceCount} slices, {simGrid.Nx}x{simGrid.Ny} at {simGrid.PixelSizeAngstrom} Å/px");
            if (result.Columns is { } columns) Console.WriteLine($"{outDir}: {columns.Columns.Length} atomic columns (columns.csv, columns.mrc)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
