using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Commands.Detector;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Pipelines.Detector;
using TemKit.Pipelines.DoseLimits;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate series</c>: one particle imaged at increasing frame dose (the input of <c>temkit dose-limits</c>).</summary>
internal static class SimulateSeriesCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Output folder (series.mrc, masks.mrc, frames.csv, structure.xyz, PNG previews)", Required = true };
        var frames = new Option<int>("--frames") { Description = "Number of frames (image epochs of one exit wave)", DefaultValueFactory = _ => 1000 }.Whole(1, 100_000, "frames");
        var doseMin = SharedOptions.Renamed(new Option<double>("--min-dose-e-per-A2") { Description = "Dose of the first frame (e/Å²); frames are log-spaced", DefaultValueFactory = _ => 10.0 }, "--dose-min-e-per-A2").Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var doseMax = SharedOptions.Renamed(new Option<double>("--max-dose-e-per-A2") { Description = "Dose of the last frame (e/Å²)", DefaultValueFactory = _ => 1e4 }, "--dose-max-e-per-A2").Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var element = new Option<string>("--element") { Description = "FCC metal of the particle (element symbol)", DefaultValueFactory = _ => "Au" };
        var diameter = new Option<double>("--diameter-nm") { Description = "Particle diameter (nm)", DefaultValueFactory = _ => 2.5 }.Within(Limits.Positive(1000, "nm"));
        var noSupport = new Option<bool>("--no-support") { Description = "Leave out the CeO2 (111) support slab" };
        var grid = new Option<int>("--grid") { Description = "Image size (px, square)", DefaultValueFactory = _ => 512 }.Whole(16, 16384, "px");
        var pixel = SharedOptions.PixelSizeAngstrom("Sampling (Å/px)", 0.075).Within(OpticsLimits.PixelSizeAngstrom);
        var slice = new Option<double>("--slice-thickness-angstrom") { Description = "Multislice slice thickness (Å)", DefaultValueFactory = _ => 2.0 }.Within(Limits.Positive(1000, "Å"));
        var voltage = new Option<double>("--voltage-kv") { Description = "Acceleration voltage (kV)", DefaultValueFactory = _ => 300.0 }.Within(OpticsLimits.VoltageKilovolts);
        var defocus = new Option<string>("--defocus-angstrom") { Description = "Defocus per frame, value or lo:hi drawn uniformly (Å, positive = underfocus)", DefaultValueFactory = _ => "48:50" };
        var cs = new Option<string>("--cs-mm") { Description = "Spherical aberration per frame, value or lo:hi (mm)", DefaultValueFactory = _ => "0.007:0.008" };
        var focalSpread = new Option<string>("--focal-spread-angstrom") { Description = "Focal spread per frame, value or lo:hi (Å)", DefaultValueFactory = _ => "5:6" };
        var blur = new Option<string>("--blur-angstrom") { Description = "Gaussian blur per frame, value or lo:hi (Å)", DefaultValueFactory = _ => "0.1:0.2" };
        var mtf = new Option<int>("--mtf-model") { Description = "Detector: MTF model 1..5 of SOI Table 3 (Leth Larsen et al.), drawn per frame", DefaultValueFactory = _ => 3 }.Whole(1, 5, "(SOI Table 3)");
        var drift = new Option<double>("--drift-px-per-frame") { Description = "Random-walk drift: step standard deviation per frame and axis (px; whole-pixel shifts; 0 = none)", DefaultValueFactory = _ => 0.0 }.Within(Limits.NonNegative(1000, "px"));
        var seed = new Option<int>("--seed") { Description = "Random seed (particle, per-frame optics, noise, drift)", DefaultValueFactory = _ => 1 }.AnyValue();
        var command = new Command("series", "Simulate a dose series: one supported particle, one exit wave, N frames at log-spaced dose (SOI A.4 replica defaults), exact masks per frame.")
        {
            output, frames, doseMin.Option, doseMax.Option, element, diameter, noSupport, grid, pixel.Option, slice, voltage, defocus, cs, focalSpread, blur, mtf, drift, seed,
        };
        doseMin.AddLegacyTo(command);
        doseMax.AddLegacyTo(command);
        command.SetAction(parse =>
        {
            string outDir = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            ParameterRange Range(Option<string> o) { var r = ValueRange.Parse(parse.GetValue(o)!, o.Name); return new ParameterRange(r.Min, r.Max); }
            var parameters = new DoseSeriesParameters
            {
                Particle = new FccParticleParameters(parse.GetValue(element)!, null, parse.GetValue(diameter), WithSupport: !parse.GetValue(noSupport)),
                Grid = new SimulationGrid(parse.GetValue(grid), parse.GetValue(grid), pixel.Get(parse)),
                Potential = new PotentialParameters(parse.GetValue(slice)),
                Multislice = new MultisliceParameters(parse.GetValue(voltage)),
                Frames = parse.GetValue(frames),
                Doses = new DoseSchedule(doseMin.Get(parse), doseMax.Get(parse)),
                DefocusAngstrom = Range(defocus),
                CsMillimetres = Range(cs),
                FocalSpreadAngstrom = Range(focalSpread),
                BlurAngstrom = Range(blur),
                MtfModel = parse.GetValue(mtf),
                DriftPxPerFrame = parse.GetValue(drift),
                Seed = parse.GetValue(seed),
            };
            SimulateCommand.Checked(() => { parameters.Validate(); return 0; });
            using var held = RunLocks.Folder(outDir);
            var result = SimulateCommand.Checked(() => Console2.RunWithProgress(progress => DoseSeries.Simulate(parameters, progress)));
            DoseSeries.Write(outDir, result);
            var f = result.Frames;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{outDir}: {f.Count} frames {parameters.Grid.Nx}x{parameters.Grid.Ny} at {parameters.Grid.PixelSizeAngstrom} Å/px, dose {f[0].DoseElectronsPerAngstrom2:G4}-{f[^1].DoseElectronsPerAngstrom2:G4} e/Å², " +
                $"{result.Case.Specimen.Particle.Length} particle atoms, mask {100 * f[0].MaskFraction:F1} % of the frame"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
