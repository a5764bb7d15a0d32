using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.IO;

namespace TemKit.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        OutputPaths.ForgetCreatedFolders();
        int code = Run(args);
        if (code != ExitCodes.Ok) OutputPaths.RemoveEmptyCreatedFolders();
        return code;
    }

    private static int Run(string[] args)
    {
        if (args.Length == 0) args = ["--help"];
        var root = CommandCatalog.BuildRoot();
        if (!args[0].StartsWith('-') && root.Subcommands.All(c => c.Name != args[0]))
        {
            Console2.Error($"unknown command '{args[0]}'; commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}");
            Console.Error.WriteLine("Run 'temkit --help' for usage.");
            return ExitCodes.Usage;
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console2.Error(ArgumentMessages.WithoutTypeNames(error.Message));
            // A refused option value already says what is expected (OptionLimits); other parse errors get the pointer to --help.
            if (!parse.Errors.All(e => OptionLimits.IsRangeMessage(e.Message)))
                Console.Error.WriteLine("Run 'temkit --help' (or 'temkit COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return InvokeUnwrapped(parse);
        }
        catch (UsageException e)
        {
            Console2.Error(e.Message);
            return ExitCodes.Usage;
        }
        catch (TemKitFormatException e)
        {
            Console2.Error(e.Message);
            return ExitCodes.InputFailed;
        }
        catch (RunFolderClashException e)
        {
            Console2.Error(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console2.Error(e.Message);
            return ExitCodes.InputFailed;
        }
        catch (ArgumentException e)
        {
            // The library validates the parameter records the options fill in; a value it refuses is bad usage.
            Console2.Error($"invalid value: {ArgumentMessages.Plain(e)}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is OutOfMemoryException or OverflowException)
        {
            Console2.Error($"the data asked for do not fit in memory ({e.Message}); use smaller sizes or fewer frames");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("TEMKIT_DEBUG") is not "1")
        {
            Console2.Error($"internal error ({e.GetType().Name}: {e.Message}); this is a TemKit bug: run again with TEMKIT_DEBUG=1 for the stack trace and report it");
            return ExitCodes.InputFailed;
        }
    }

    /// <summary>Runs the command; a parallel loop's AggregateException whose every inner exception is a bad input or bad
    /// usage is rethrown as its first inner exception, so it reaches the one-line handlers above instead of "internal error".</summary>
    private static int InvokeUnwrapped(ParseResult parse)
    {
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions is { Count: > 0 } inner
            && inner.All(x => x is UsageException or TemKitFormatException or IOException or UnauthorizedAccessException or ArgumentException))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
            throw;
        }
    }
}
