namespace TemKit.Cli.Commands.Demo;

/// <summary>One part of `temkit demo`; steps run in <see cref="Order"/> and each writes into its own subfolder.</summary>
internal interface IDemoStep
{
    /// <summary>Position in the demo (ascending).</summary>
    int Order { get; }

    /// <summary>Short title printed before the step runs.</summary>
    string Title { get; }

    /// <summary>Runs the step, writing files under <paramref name="folder"/>; returns one line for the final summary.</summary>
    string Run(string folder, DemoOptions options);
}

/// <summary>Options shared by all demo steps.</summary>
/// <param name="Seed">Random seed, so every demo run writes the same data.</param>
/// <param name="Quick">Smaller data for a fast run (used by the tests).</param>
internal sealed record DemoOptions(int Seed = 2026, bool Quick = false);
