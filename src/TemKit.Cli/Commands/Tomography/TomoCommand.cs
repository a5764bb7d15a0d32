using System.CommandLine;
using TemKit.Cli.Infrastructure;

namespace TemKit.Cli.Commands.Tomography;

/// <summary><c>temkit tomo</c>: single-axis tilt-series tomography (alignment, reconstruction, reprojection, quality report).</summary>
internal sealed class TomoCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("tomo", "Single-axis tilt-series tomography: coarse alignment, WBP/SIRT/SART reconstruction, reprojection, quality report.\n" +
            "Tilt axis = image y; a specimen point (x, y, z) appears at x cos θ + z sin θ (IMOD's convention); angles in degrees, one per line in .rawtlt/.tlt.");
        command.Subcommands.Add(TomoReconstructCommand.Build());
        command.Subcommands.Add(TomoProjectCommand.Build());
        command.Subcommands.Add(TomoAlignCommand.Build());
        command.Subcommands.Add(TomoReportCommand.Build());
        command.Subcommands.Add(TomoTrainInterpolationCommand.Build());
        command.Subcommands.Add(TomoEvaluateInterpolationCommand.Build());
        command.Subcommands.Add(TomoInterpolateCommand.Build());
        return command;
    }
}
