using System.CommandLine;
using TemKit.Cli.Infrastructure;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate</c>: HRTEM image simulation (particle, dataset, cluster).</summary>
internal sealed class SimulateCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("simulate", "Image simulation: HRTEM of supported nanoparticles (multislice, CTF, detector, masks); STEM images and tilt series of clusters; focal series of MX2 monolayers.");
        command.Subcommands.Add(SimulateParticleCommand.Build());
        command.Subcommands.Add(SimulateDatasetCommand.Build());
        command.Subcommands.Add(SimulateFocalSeriesCommand.Build());
        command.Subcommands.Add(SimulateSeriesCommand.Build());
        command.Subcommands.Add(SimulateClusterCommand.Build());
        command.Subcommands.Add(SimulateStemCommand.Build());
        command.Subcommands.Add(SimulateTiltSeriesCommand.Build());
        command.Subcommands.Add(SimulateTiltDatasetCommand.Build());
        command.Subcommands.Add(SimulateColumnEventsCommand.Build());
        command.Subcommands.Add(SimulateFringesCommand.Build());
        command.Subcommands.Add(SimulateFringeDatasetCommand.Build());
        return command;
    }

    /// <summary>Runs <paramref name="action"/>, turning a parameter validation failure into a usage error (exit 2).</summary>
    internal static T Checked<T>(Func<T> action)
    {
        try { return action(); }
        catch (ArgumentException e) { throw new UsageException(ArgumentMessages.Plain(e)); }
    }
}
