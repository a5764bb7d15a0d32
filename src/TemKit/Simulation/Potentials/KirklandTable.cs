using System.Text.Json;

namespace TemKit.Simulation.Potentials;

/// <summary>The Kirkland (2010, Appendix C) scattering-factor parameters, read once from the embedded kirkland.json.</summary>
internal static class KirklandTable
{
    private static readonly Lazy<double[][]> s_rows = new(Load);

    /// <summary>The 12 parameters of element <paramref name="atomicNumber"/>: a1..a3, b1..b3, c1..c3, d1..d3.</summary>
    public static double[] Parameters(int atomicNumber)
    {
        var rows = s_rows.Value;
        if (atomicNumber < 1 || atomicNumber > rows.Length)
            throw new ArgumentOutOfRangeException(nameof(atomicNumber), atomicNumber, $"the Kirkland table covers Z = 1..{rows.Length}");
        return rows[atomicNumber - 1];
    }

    private static double[][] Load()
    {
        using var stream = typeof(KirklandTable).Assembly.GetManifestResourceStream("TemKit.Simulation.Potentials.kirkland.json")
            ?? throw new InvalidOperationException("embedded resource kirkland.json is missing from the TemKit assembly");
        using var doc = JsonDocument.Parse(stream);
        var result = new List<double[]>();
        int z = 0;
        foreach (var element in doc.RootElement.EnumerateObject())
        {
            z++;
            if (element.Name != Structures.Elements.Symbol(z))
                throw new InvalidOperationException($"kirkland.json: element {z} is '{element.Name}', expected '{Structures.Elements.Symbol(z)}'");
            var values = element.Value.EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
            if (values.Length != 12) throw new InvalidOperationException($"kirkland.json: {element.Name} has {values.Length} numbers, expected 12");
            result.Add(values);
        }
        return [.. result];
    }
}
