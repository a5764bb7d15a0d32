using System.Globalization;

namespace TemKit.Detector;

/// <summary>An axis-aligned rectangle of pixels: top-left corner (<paramref name="X"/>, <paramref name="Y"/>) and size, all in pixels.</summary>
/// <param name="X">Left column (px, 0-based).</param>
/// <param name="Y">Top row (px, 0-based).</param>
/// <param name="Width">Width (px).</param>
/// <param name="Height">Height (px).</param>
public readonly record struct PixelRegion(int X, int Y, int Width, int Height)
{
    /// <summary>The whole of a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static PixelRegion Whole(int width, int height) => new(0, 0, width, height);

    /// <summary>Number of pixels.</summary>
    public long Area => (long)Width * Height;

    /// <summary>Parses "x,y,w,h" (pixels); throws <see cref="FormatException"/> naming the problem.</summary>
    public static PixelRegion Parse(string text)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4) throw new FormatException($"region '{text}': expected x,y,w,h in pixels");
        var v = new int[4];
        for (int i = 0; i < 4; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out v[i]))
                throw new FormatException($"region '{text}': '{parts[i]}' is not a whole number of pixels");
        return new PixelRegion(v[0], v[1], v[2], v[3]);
    }

    /// <summary>Null if the region lies inside a <paramref name="width"/> × <paramref name="height"/> image, else why not.</summary>
    public string? ProblemWithin(int width, int height)
    {
        if (Width < 8 || Height < 8) return $"region {this} is smaller than 8x8 px";
        if (X < 0 || Y < 0 || (long)X + Width > width || (long)Y + Height > height)
            return $"region {this} lies outside the {width}x{height} image";
        return null;
    }

    /// <summary>"x,y,w,h".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{Width},{Height}");

    /// <summary>Splits the region into whole tiles of <paramref name="tileSize"/> px (the remainder is dropped); a tile
    /// size of 0 or one larger than the region gives the region itself.</summary>
    public IReadOnlyList<PixelRegion> Tiles(int tileSize)
    {
        if (tileSize <= 0 || (tileSize >= Width && tileSize >= Height)) return [this];
        int tw = Math.Min(tileSize, Width), th = Math.Min(tileSize, Height);
        var tiles = new List<PixelRegion>();
        for (int ty = 0; ty + th <= Height; ty += th)
            for (int tx = 0; tx + tw <= Width; tx += tw)
                tiles.Add(new PixelRegion(X + tx, Y + ty, tw, th));
        return tiles;
    }
}
