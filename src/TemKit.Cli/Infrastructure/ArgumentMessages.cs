namespace TemKit.Cli.Infrastructure;

/// <summary>Turns the library's argument checks into messages for a person at the command line.</summary>
internal static class ArgumentMessages
{
    /// <summary>The exception's message without .NET's " (Parameter 'x')" and "Actual value was" parts, with the
    /// refused value appended as "(got v)" when it is known.</summary>
    public static string Plain(ArgumentException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf("\nActual value was", StringComparison.Ordinal);
        string text = (cut >= 0 ? message[..cut] : message).TrimEnd();
        return e is ArgumentOutOfRangeException { ActualValue: { } actual } && !text.Contains("Actual value", StringComparison.Ordinal)
            ? $"{text} (got {actual})"
            : text;
    }
}
