namespace TemKit.Bench.Infrastructure;

/// <summary>A named benchmark, run as `dotnet run -c Release --project bench/TemKit.Bench -- NAME [args]`.
/// Every implementation in this assembly is found by reflection, so a new benchmark is one new file.</summary>
internal interface IBench
{
    /// <summary>Name used on the command line, e.g. "fft".</summary>
    string Name { get; }

    /// <summary>One line shown by the benchmark list.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark and prints its results (Markdown table rows or JSON lines); returns an exit code.</summary>
    int Run(string[] args);
}
