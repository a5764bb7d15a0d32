namespace TemKit.Cli.Infrastructure;

/// <summary>Process exit codes of every temkit command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Ok = 0;
    /// <summary>At least one input failed; the others were processed.</summary>
    public const int InputFailed = 1;
    /// <summary>Bad usage: unknown option, missing argument, invalid value.</summary>
    public const int Usage = 2;
}
