using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Neural.Models;

namespace TemKit.Cli.Commands.Neural;

/// <summary>Parses <c>train --class-weights</c> and <c>--class-names</c>.</summary>
internal static class ClassLists
{
    /// <summary>One positive weight per class, or null when not given; exit 2 on a bad list.</summary>
    public static float[]? Weights(string? text, int classes)
    {
        if (text is null) return null;
        var parts = text.Split(',');
        var w = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out w[i]) || !(w[i] > 0) || !float.IsFinite(w[i]))
                throw new UsageException($"--class-weights '{text}': '{parts[i]}' is not a positive number");
        if (classes < 2 || w.Length != classes)
            throw new UsageException($"--class-weights '{text}': {w.Length} weight(s) for {classes} class(es); give one per class of a multi-class network (--classes ≥ 2)");
        return w;
    }

    /// <summary>The class names given, else those of classes.txt beside the masks (one per line) when it has one per class; null otherwise.</summary>
    public static ModelOutput? Output(string? text, string masksPath, int classes)
    {
        string[]? names = text?.Split(',').Select(n => n.Trim()).ToArray();
        if (names is null)
        {
            string folder = Directory.Exists(masksPath) ? masksPath : Path.GetDirectoryName(Path.GetFullPath(masksPath)) ?? ".";
            string file = Path.Combine(folder, "classes.txt");
            if (!File.Exists(file)) return null;
            var lines = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            if (lines.Length != classes) return null;
            names = lines;
        }
        if (names.Length != classes) throw new UsageException($"--class-names '{text}': {names.Length} name(s) for {classes} class(es)");
        return new ModelOutput(names, null);
    }
}
