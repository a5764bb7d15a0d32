using System.CommandLine;

namespace TemKit.Cli.Infrastructure;

/// <summary>
/// A top-level `temkit` command. Every non-abstract implementation in this assembly is found by
/// <see cref="CommandCatalog"/> and added to the root command, so a new command is one new file.
/// </summary>
internal interface ICliCommand
{
    /// <summary>Builds the command with its arguments, options, subcommands and action.</summary>
    Command Build();
}
