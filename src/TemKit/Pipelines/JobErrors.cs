namespace TemKit.Pipelines;

/// <summary>Turns exceptions met inside a job into the one-line messages a job stores in its result rows.</summary>
public static class JobErrors
{
    /// <summary>The exception's message without .NET's " (Parameter 'x')" and "Actual value was" parts, with the
    /// refused value appended as "(got v)" when it is known.</summary>
    public static string Plain(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string message = e.Message;
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf("\nActual value was", StringComparison.Ordinal);
        string text = (cut >= 0 ? message[..cut] : message).TrimEnd();
        return e is ArgumentOutOfRangeException { ActualValue: { } actual } && !text.Contains("Actual value", StringComparison.Ordinal)
            ? $"{text} (got {actual})"
            : text;
    }
}
