namespace TemKit.Plotting;

/// <summary>
/// Default series colours: the Okabe–Ito colour-blind-safe set (Okabe and Ito 2008), without its
/// yellow (too faint on white), followed by darker tones so long legends stay distinguishable.
/// </summary>
public static class Palette
{
    /// <summary>The colours in the order series receive them, as "#rrggbb".</summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "#0072b2", // blue
        "#d55e00", // vermillion
        "#009e73", // bluish green
        "#cc79a7", // reddish purple
        "#e69f00", // orange
        "#56b4e9", // sky blue
        "#000000", // black
        "#7f3c8d", // plum
        "#6b6b6b", // grey
        "#8c564b", // brown
    ];

    /// <summary>Colour of the <paramref name="index"/>-th series (cycles).</summary>
    public static string Color(int index) => Default[((index % Default.Count) + Default.Count) % Default.Count];
}
