using System.CommandLine;

namespace TemKit.Cli.Infrastructure;

/// <summary>Builds the root command from every <see cref="ICliCommand"/> in this assembly.</summary>
internal static class CommandCatalog
{
    /// <summary>The root is a plain command named "temkit" (a RootCommand would name itself after the .dll the launcher runs).</summary>
    public static Command BuildRoot()
    {
        var root = new Command("temkit", "TemKit: quantitative TEM image analysis (MRC, DM3/DM4; CTF/defocus, detector MTF, HRTEM simulation, segmentation).\n" +
            "Units: Å, 1/Å, kV, mm (Cs), degrees, e/Å² unless an option says otherwise. Exit codes: 0 all good, 1 some input file failed " +
            "(the others were processed), 2 bad usage.")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        var commands = typeof(CommandCatalog).Assembly.GetTypes()
            .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Build())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var command in commands) root.Subcommands.Add(command);
        return root;
    }
}
