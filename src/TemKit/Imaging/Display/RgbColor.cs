using System.Globalization;

namespace TemKit.Imaging.Display;

/// <summary>An 8-bit sRGB colour.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    public static RgbColor Black => new(0, 0, 0);
    public static RgbColor White => new(255, 255, 255);
    public static RgbColor Red => new(230, 40, 40);
    public static RgbColor Green => new(40, 200, 80);
    public static RgbColor Blue => new(40, 110, 240);
    public static RgbColor Yellow => new(250, 220, 40);
    public static RgbColor Cyan => new(40, 220, 230);
    public static RgbColor Magenta => new(230, 60, 220);
    public static RgbColor Orange => new(245, 150, 30);

    /// <summary>Parses "#rrggbb" or "rrggbb".</summary>
    public static RgbColor FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        ReadOnlySpan<char> s = hex.AsSpan().TrimStart('#');
        if (s.Length != 6 || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v))
            throw new FormatException($"'{hex}' is not a #rrggbb colour");
        return new((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>"#rrggbb", lower case.</summary>
    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>This colour drawn with opacity <paramref name="alpha"/> (0–1) over <paramref name="background"/>.</summary>
    public RgbColor Over(RgbColor background, double alpha)
    {
        alpha = Math.Clamp(alpha, 0, 1);
        return new(Mix(background.R, R, alpha), Mix(background.G, G, alpha), Mix(background.B, B, alpha));
    }

    internal static byte Mix(byte under, byte over, double alpha) => (byte)(under + (over - under) * alpha + 0.5);

    public override string ToString() => ToHex();
}
