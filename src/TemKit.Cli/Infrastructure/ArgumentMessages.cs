namespace TemKit.Cli.Infrastructure;

/// <summary>Turns the library's argument checks into messages for a person at the command line.</summary>
internal static class ArgumentMessages
{
    /// <summary>The exception's message without .NET's " (Parameter 'x')" and "Actual value was" parts, with the
    /// refused value appended as "(got v)" when it is known.</summary>
    public static string Plain(ArgumentException e) => TemKit.Pipelines.JobErrors.Plain(e);

    /// <summary>The parser's "as expected type 'System.Nullable`1[System.Int32]'" in words a user knows ("as a whole number").</summary>
    public static string WithoutTypeNames(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"as expected type '([^']+)'", m => "as " + Describe(m.Groups[1].Value));

    private static string Describe(string typeName)
    {
        string inner = typeName.Contains('[') ? typeName[(typeName.LastIndexOf('[') + 1)..typeName.IndexOf(']')] : typeName;
        return inner switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number (e.g. 0.5 or 1e3)",
            "System.Boolean" => "true or false",
            _ => "a value of the expected kind",
        };
    }
}
