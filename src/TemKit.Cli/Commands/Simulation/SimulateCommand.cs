using System.CommandLine;
using TemKit.Cli.Infrastructure;

namespace TemKit.Cli.Commands.Simulation;

/// <summary><c>temkit simulate</c>: HRTEM image simulation (particle, dataset, cluster).</summary>
internal sealed class SimulateCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("simulate", "HRTEM image simulation: multislice exit waves of supported nanoparticles, CTF with partial coherence, detector, masks.");
        command.Subcommands.Add(SimulateParticleCommand.Build());
        command.Subcommands.Add(SimulateDatasetCommand.Build());
        command.Subcommands.Add(SimulateClusterCommand.Build());
        return command;
    }

    /// <summary>Runs <paramref name="action"/>, turning a parameter validation failure into a usage error (exit 2).</summary>
    internal static T Checked<T>(Func<T> action)
    {
        try { return action(); }
        catch (ArgumentException e) { throw new UsageException(ArgumentMessages.Plain(e)); }
    }
}
