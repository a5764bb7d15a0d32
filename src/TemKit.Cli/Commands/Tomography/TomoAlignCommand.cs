using TemKit.Numerics;
using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Tomography;
using TemKit.Tomography.Alignment;

namespace TemKit.Cli.Commands.Tomography;

/// <summary><c>temkit tomo align</c>: coarse cross-correlation alignment with cosine stretching and a tilt-axis estimate.</summary>
internal static class TomoAlignCommand
{
    public static Command Build()
    {
        var stack = new Argument<string>("STACK") { Description = "Raw tilt series (MRC/DM stack, one projection per section)" };
        var output = new Option<string>("--output", "-o") { Description = "Aligned stack to write (.mrc/.ali); BASE.xf (IMOD transforms), BASE.shifts.csv and BASE.rawtlt are written beside it", Required = true };
        var tilts = TomoInputs.TiltsOption();
        var axis = SharedOptions.Renamed(new Option<double>("--tilt-axis-deg") { Description = "Tilt-axis angle in the raw images (degrees from +y, counter-clockwise positive): the search centre, or the value used with --no-axis-search", DefaultValueFactory = _ => 0.0 }, "--tilt-axis").Within(new Limits(-360, 360, "°"));
        var search = SharedOptions.Renamed(new Option<double>("--axis-search-deg") { Description = "Half-width of the tilt-axis search (degrees)", DefaultValueFactory = _ => 10.0 }, "--axis-search").Within(Limits.NonNegative(90, "°"));
        var noSearch = new Option<bool>("--no-axis-search") { Description = "Use --tilt-axis-deg as given instead of estimating it" };
        var lowPass = SharedOptions.Renamed(new Option<double>("--low-pass-cycles-per-px") { Description = "Gaussian low-pass σ on the cross-correlation (cycles/pixel)", DefaultValueFactory = _ => 0.15 }, "--low-pass").Within(Limits.Positive(0.5, "cycles/px"));
        var command = new Command("align", "Coarse alignment: cross-correlation of neighbouring tilts with cosine stretching perpendicular to the tilt axis, " +
            "shifts accumulated from the zero tilt, and the tilt-axis angle in the image plane.")
        {
            stack, output, tilts, axis.Option, search.Option, noSearch, lowPass.Option,
        };
        axis.AddLegacyTo(command);
        search.AddLegacyTo(command);
        lowPass.AddLegacyTo(command);
        command.SetAction(parse =>
        {
            string input = parse.GetValue(stack)!;
            string outPath = OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".mrc", ".ali", ".st");
            OutputPaths.RequireNotAnInput(outPath, "--output", TomoInputs.InputFiles(input, parse.GetValue(tilts)));
            foreach (string side in (string[])[".xf", ".shifts.csv", ".rawtlt"])
                OutputPaths.RequireNotAnInput(Path.ChangeExtension(outPath, side), "--output", input);
            var options = new AlignmentOptions
            {
                EstimateTiltAxis = !parse.GetValue(noSearch),
                TiltAxisDegrees = axis.Get(parse),
                TiltAxisSearchDegrees = search.Get(parse),
                LowPassCyclesPerPixel = lowPass.Get(parse),
            };
            options.Validate();
            int frames = TomoInputs.FrameCount(input);
            var angles = TomoInputs.Angles(input, parse.GetValue(tilts), frames);
            using var held = RunLocks.Beside(outPath);
            var series = ImageFile.Read(input);
            Console.Error.WriteLine($"aligning {frames} projections of {series.Nx}x{series.Ny} px");
            var result = CoarseAlignment.Align(series, angles, options, new SyncProgress<string>(s => Console.Error.WriteLine($"align: {s}")));
            MrcFile.Write(outPath, CoarseAlignment.Apply(series, result));
            string xf = Path.ChangeExtension(outPath, ".xf"), csv = Path.ChangeExtension(outPath, ".shifts.csv");
            XfFile.Write(xf, result);
            XfFile.WriteShiftTable(csv, result);
            TiltAngleFile.Write(Path.ChangeExtension(outPath, ".rawtlt"), angles);
            double maxShift = result.ShiftsPx.Max(s => Math.Sqrt(s.X * s.X + s.Y * s.Y));
            Console.WriteLine($"{outPath}: tilt axis {result.TiltAxisDegrees:F2}° from +y, largest shift {maxShift:F1} px; transforms in {xf}, shifts in {csv}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
