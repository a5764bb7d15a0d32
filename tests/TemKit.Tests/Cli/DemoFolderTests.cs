using TemKit.Cli.Commands.Demo;

namespace TemKit.Tests.Cli;

/// <summary>
/// `temkit demo --quick` followed by `temkit demo` failed in four steps (session 9): the full run met the quick run's
/// outputs, made with other settings, and the run-folder guards refused them. Every demo run now starts each step in an
/// empty folder, and empties only folders a demo run made.
/// </summary>
public class DemoFolderTests
{
    [Fact]
    public void AStepFolderOfAnEarlierDemoRunIsEmptiedAndMarked()
    {
        using var temp = new TempFolder();
        string step = temp["07-step"];
        DemoCommand.FreshStepFolder(step);
        File.WriteAllText(Path.Combine(step, "dataset.json"), "{\"count\": 3}");
        Directory.CreateDirectory(Path.Combine(step, "fields"));

        DemoCommand.FreshStepFolder(step);

        Assert.Equal([Path.Combine(step, DemoCommand.StepMarker)], Directory.EnumerateFileSystemEntries(step).ToArray());
    }

    [Fact]
    public void AFolderTheDemoDidNotMakeIsNeverEmptied()
    {
        using var temp = new TempFolder();
        string step = temp["07-step"];
        Directory.CreateDirectory(step);
        string data = Path.Combine(step, "my-data.mrc");
        File.WriteAllText(data, "not the demo's");

        var error = Assert.Throws<IOException>(() => DemoCommand.FreshStepFolder(step));

        Assert.Contains("not made by 'temkit demo'", error.Message);
        Assert.True(File.Exists(data));
        // An empty folder is taken over.
        string empty = temp["08-step"];
        Directory.CreateDirectory(empty);
        DemoCommand.FreshStepFolder(empty);
        Assert.True(File.Exists(Path.Combine(empty, DemoCommand.StepMarker)));
    }
}
