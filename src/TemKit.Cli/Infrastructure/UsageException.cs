namespace TemKit.Cli.Infrastructure;

/// <summary>Thrown by a command action for a bad combination of arguments; the CLI prints it and exits with code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
