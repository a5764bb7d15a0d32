using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.IO.Mrc;
using TemKit.Tomography;
using TemKit.Tomography.Projection;

namespace TemKit.Cli.Commands.Tomography;

/// <summary><c>temkit tomo project</c>: reproject a volume at a list of tilts.</summary>
internal static class TomoProjectCommand
{
    public static Command Build()
    {
        var volume = new Argument<string>("VOLUME") { Description = "Volume (MRC; sections along z, the beam at zero tilt; tilt axis along y)" };
        var output = new Option<string>("--output", "-o") { Description = "Tilt series to write (.mrc/.st); a .rawtlt with the angles is written beside it", Required = true };
        var tilts = new Option<string>("--tilts") { Description = "Tilt angles: a file (one angle in degrees per line) or a range FROM:TO:STEP in degrees, e.g. -70:70:2", Required = true };
        var threads = TomoInputs.ThreadsOption();
        var command = new Command("project", "Reproject a volume into a tilt series (line integrals in voxel units) with the reconstruction's projector.")
        {
            volume, output, tilts, threads,
        };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(volume)!;
            string outPath = OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".mrc", ".st", ".mrcs");
            OutputPaths.RequireNotAnInput(outPath, "--output", TomoInputs.InputFiles(input, parse.GetValue(tilts)));
            OutputPaths.RequireNotAnInput(Path.ChangeExtension(outPath, ".rawtlt"), "--output", input);
            var angles = ParseTilts(parse.GetValue(tilts)!);
            TiltAngleFile.Validate(angles, angles.Length, "--tilts");
            var data = ImageFile.Read(input);
            int slabs = (data.Ny + SlabProjector.Lanes - 1) / SlabProjector.Lanes;
            using var held = RunLocks.Beside(outPath);
            TemKit.Imaging.ImageStack series = null!;
            TomoInputs.WithProgress("reprojecting slabs", slabs, advance =>
                series = Reprojection.Project(data, angles, new SyncProgress<int>(_ => advance()), parse.GetValue(threads)));
            MrcFile.Write(outPath, series);
            string tlt = Path.ChangeExtension(outPath, ".rawtlt");
            TiltAngleFile.Write(tlt, angles);
            Console.WriteLine($"{outPath}: {series.Nz} projections of {series.Nx}x{series.Ny} px ({angles.Min():0.##}..{angles.Max():0.##}°); angles in {tlt}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A FROM:TO:STEP range (degrees) or a tilt file.</summary>
    public static double[] ParseTilts(string value)
    {
        var parts = value.Split(':');
        if (parts.Length == 3 && !File.Exists(value))
        {
            var n = parts.Select(p => double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : double.NaN).ToArray();
            if (n.Any(double.IsNaN) || n[2] == 0 || Math.Sign(n[1] - n[0]) * Math.Sign(n[2]) < 0)
                throw new UsageException($"--tilts {value}: expected FROM:TO:STEP in degrees with a step towards TO, e.g. -70:70:2");
            int count = (int)Math.Floor((n[1] - n[0]) / n[2] + 1e-9) + 1;
            return Enumerable.Range(0, count).Select(i => Math.Round(n[0] + i * n[2], 6)).ToArray();
        }
        return TiltAngleFile.Read(value);
    }
}
