using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.IO.Mrc;
using TemKit.IO.Png;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Simulation.Mesoscale;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate fringes</c>: one mesoscale field of weak phase objects with defocus fringes.</summary>
internal static class SimulateFringesCommand
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Image to write (NAME.mrc); also NAME.mask.mrc (exact 0/1 mask), NAME.phase.mrc (projected phase, rad), NAME.intensity.mrc (noise-free) and NAME.png", Required = true };
        var size = new Option<int>("--size-px") { Description = "Field side (px)", DefaultValueFactory = _ => 256 }.Whole(16, 8192, "px");
        var pixel = new Option<double>("--pixel-size-angstrom") { Description = "Sampling (Å/px)", DefaultValueFactory = _ => 4.0 }.Within(OpticsLimits.PixelSizeAngstrom);
        var defocus = new Option<double>("--defocus-angstrom") { Description = "Mean defocus (Å, positive = underfocus; 20000 Å = 2 µm)", DefaultValueFactory = _ => 20000.0 }.Within(OpticsLimits.DefocusAngstrom);
        var astig = new Option<double>("--astigmatism-angstrom") { Description = "Astigmatism Δf1 − Δf2 (Å)", DefaultValueFactory = _ => 0.0 }.Within(Limits.NonNegative(1e5, "Å"));
        var astigAngle = new Option<double>("--astigmatism-angle-deg") { Description = "Azimuth of the Δf1 axis from +x, counter-clockwise (degrees)", DefaultValueFactory = _ => 0.0 }.Within(new Limits(-360, 360, "°"));
        var voltage = new Option<double>("--voltage-kv") { Description = "Acceleration voltage (kV)", DefaultValueFactory = _ => 300.0 }.Within(OpticsLimits.VoltageKilovolts);
        var cs = new Option<double>("--cs-mm") { Description = "Spherical aberration Cs (mm)", DefaultValueFactory = _ => 2.7 }.Within(OpticsLimits.CsMillimetres);
        var ac = new Option<double>("--amplitude-contrast") { Description = "Amplitude contrast fraction w (the exit wave absorbs η = w/√(1−w²) per radian of phase)", DefaultValueFactory = _ => 0.07 }.Within(OpticsLimits.AmplitudeContrast);
        var dose = new Option<double>("--dose-e-per-A2") { Description = "Frame dose (e/Å²)", DefaultValueFactory = _ => 30.0 }.Within(OpticsLimits.DoseElectronsPerAngstrom2);
        var seed = new Option<int>("--seed") { Description = "Random seed (objects, film, noise)", DefaultValueFactory = _ => 0 }.AnyValue();
        var command = new Command("fringes", "Simulate one mesoscale field of weak phase objects (fibres, vesicles, spheres in an amorphous film) imaged through the CTF: defocus fringes, dose noise, detector, exact mask.")
        {
            output, size, pixel, defocus, astig, astigAngle, voltage, cs, ac, dose, seed,
        };
        command.SetAction(parse =>
        {
            string path = OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".mrc");
            OutputPaths.RequireWritable(path, "--output");
            var imaging = new MesoscaleImaging
            {
                Optics = new ElectronOptics(parse.GetValue(voltage), parse.GetValue(cs), parse.GetValue(ac)),
                DefocusAngstrom = parse.GetValue(defocus),
                AstigmatismAngstrom = parse.GetValue(astig),
                AstigmatismAngleDegrees = parse.GetValue(astigAngle),
                DoseElectronsPerAngstrom2 = parse.GetValue(dose),
            };
            var field = SimulateCommand.Checked(() => MesoscaleField.Simulate(MesoscaleSpecimenParameters.Default, parse.GetValue(size), parse.GetValue(pixel), imaging, new Random(parse.GetValue(seed))));
            string stem = path[..^4];
            MrcFile.Write(path, field.Detected);
            MrcFile.Write(stem + ".mask.mrc", field.Specimen.MaskImage);
            MrcFile.Write(stem + ".phase.mrc", field.Specimen.PhaseImage);
            MrcFile.Write(stem + ".intensity.mrc", field.Intensity);
            PngWriter.WriteImage(stem + ".png", field.Detected);
            var record = MesoscaleFieldRecord.Of(0, parse.GetValue(seed), field);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {record.SizePx}x{record.SizePx} px at {record.PixelSizeAngstrom:G4} Å/px; {record.Fibres} fibres, {record.Vesicles} vesicles, {record.Spheres} spheres ({100 * record.MaskFraction:F1} % of the field); defocus {record.DefocusAngstrom:G6} Å, fringe scale √(λΔf) {record.FringeWidthAngstrom:F1} Å, first CTF zero at {1 / record.FirstZeroInverseAngstrom:F1} Å"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
