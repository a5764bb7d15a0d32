using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.CtfCorrection;
using TemKit.Numerics;
using TemKit.Pipelines.Defocus;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>`temkit ctf-correct`: phase-flip or Wiener-filter images with the CTF a defocus run measured for each.</summary>
internal sealed class CtfCorrectCommand : ICliCommand
{
    public Command Build()
    {
        var inputs = new Argument<string[]>("images") { Description = "Images (MRC, DM3/DM4), folders or globs; the first frame of each", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the corrected images (NAME.mrc per input, float32)", Required = true };
        var defocusFrom = new Option<string>("--defocus-from") { Description = "Folder of a `temkit defocus` run over the same images (each image's measured defocus and astigmatism)", Required = true };
        var correction = new Option<string>("--ctf-correction") { Description = "flip (phase flipping: × sign(CTF)) or wiener (× CTF/(CTF² + 1/SNR))", DefaultValueFactory = _ => "flip" };
        var wienerSnr = new Option<double>("--wiener-snr") { Description = "Signal-to-noise ratio assumed by the Wiener filter (constant over frequency)", DefaultValueFactory = _ => CtfCorrectionOptions.DefaultWienerSnr }.Within(Limits.Positive(1e6, "(ratio)"));
        var cmd = new Command("ctf-correct", "Correct images for their measured CTF (phase flipping or a Wiener filter) using a `temkit defocus` run") { inputs, output, defocusFrom, correction, wienerSnr };
        cmd.SetAction(parse =>
        {
            var kind = parse.GetValue(correction)?.ToLowerInvariant() switch
            {
                "flip" => CtfCorrectionKind.PhaseFlip,
                "wiener" => CtfCorrectionKind.Wiener,
                var other => throw new UsageException($"--ctf-correction must be flip or wiener, got '{other}'"),
            };
            string folder = OutputPaths.RequireFolder(parse.GetValue(output)!, "--output");
            var files = InputFiles.Expand(parse.GetValue(inputs)!, [".mrc", ".mrcs", ".dm3", ".dm4"], folder).ToList();
            MeasuredDefocus defocus;
            try { defocus = MeasuredDefocus.Load(parse.GetValue(defocusFrom)!); }
            catch (MeasuredDefocusException e) { throw new UsageException($"--defocus-from: {e.Message}"); }
            var job = new CtfCorrectionRun(defocus, new CtfCorrectionOptions { Kind = kind, WienerSnr = parse.GetValue(wienerSnr) }, folder);
            IReadOnlyList<CorrectedImage> results;
            try { results = Console2.RunWithProgress(progress => job.Run(files, progress)); }
            catch (ArgumentException e) { throw new UsageException(ArgumentMessages.Plain(e)); }
            foreach (var r in results.Where(r => r.Error != null)) Console2.Error(r.Error!);
            int ok = results.Count(r => r.Error is null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ok} image(s) corrected ({parse.GetValue(correction)}), {results.Count - ok} failed: {Path.GetFullPath(folder)}"));
            return ok == results.Count ? ExitCodes.Ok : ExitCodes.InputFailed;
        });
        return cmd;
    }
}
