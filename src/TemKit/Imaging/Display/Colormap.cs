namespace TemKit.Imaging.Display;

/// <summary>
/// A 256-entry colour lookup table for showing scalar maps (grey level 0 → first entry, 255 → last).
/// <see cref="Perceptual"/> is TemKit's own sequential map: lightness rises linearly in OKLab
/// (Ottosson 2020) from dark violet through blue and teal to yellow, so equal steps in value look like
/// equal steps in brightness and the map reads correctly when printed in grey or seen by colour-blind viewers.
/// </summary>
public sealed class Colormap
{
    private readonly RgbColor[] _table;

    private Colormap(string name, RgbColor[] table)
    {
        Name = name;
        _table = table;
    }

    /// <summary>The map's name.</summary>
    public string Name { get; }

    /// <summary>Sequential, perceptually uniform lightness: violet → blue → teal → green → yellow.</summary>
    public static Colormap Perceptual { get; } = Build("perceptual", t =>
    {
        double lightness = 0.30 + 0.62 * t;
        double hue = (305 - 200 * t) * Math.PI / 180;
        double chroma = 0.14 - 0.07 * Math.Sin(Math.PI * t) + 0.04 * t * t * t;
        return (lightness, chroma * Math.Cos(hue), chroma * Math.Sin(hue));
    });

    /// <summary>Diverging blue → near-white → red with symmetric lightness, for signed maps (residuals, phase).</summary>
    public static Colormap Diverging { get; } = Build("diverging", t =>
    {
        double u = 2 * t - 1;
        double lightness = 0.97 - 0.47 * Math.Abs(u);
        double hue = (u < 0 ? 255 : 28) * Math.PI / 180;
        double chroma = 0.16 * Math.Pow(Math.Abs(u), 0.8);
        return (lightness, chroma * Math.Cos(hue), chroma * Math.Sin(hue));
    });

    /// <summary>Plain grey ramp.</summary>
    public static Colormap Gray { get; } = new("gray", Enumerable.Range(0, 256).Select(i => new RgbColor((byte)i, (byte)i, (byte)i)).ToArray());

    /// <summary>Colour of grey level <paramref name="level"/>.</summary>
    public RgbColor this[byte level] => _table[level];

    /// <summary>Colour at <paramref name="t"/> in 0–1 (clamped; NaN gives the first entry).</summary>
    public RgbColor At(double t) => double.IsNaN(t) ? _table[0] : _table[(int)Math.Round(Math.Clamp(t, 0, 1) * 255)];

    /// <summary>Interleaved RGB bytes (3 per pixel) for 8-bit grey levels.</summary>
    public byte[] Apply(ReadOnlySpan<byte> levels)
    {
        var rgb = new byte[levels.Length * 3];
        for (int i = 0; i < levels.Length; i++)
        {
            RgbColor c = _table[levels[i]];
            rgb[3 * i] = c.R;
            rgb[3 * i + 1] = c.G;
            rgb[3 * i + 2] = c.B;
        }
        return rgb;
    }

    /// <summary>Scales float pixels with <paramref name="scale"/> and colours them: interleaved RGB bytes.</summary>
    public byte[] Apply(ReadOnlySpan<float> pixels, DisplayScale scale) => Apply(DisplayScaling.ToGray8(pixels, scale));

    private static Colormap Build(string name, Func<double, (double L, double A, double B)> oklab)
    {
        var table = new RgbColor[256];
        for (int i = 0; i < 256; i++)
        {
            var (l, a, b) = oklab(i / 255.0);
            table[i] = OkLab.ToSrgb(l, a, b);
        }
        return new Colormap(name, table);
    }
}

/// <summary>OKLab → sRGB conversion (Ottosson 2020, "A perceptual color space for image processing").</summary>
internal static class OkLab
{
    public static RgbColor ToSrgb(double lightness, double a, double b)
    {
        double l = Cube(lightness + 0.3963377774 * a + 0.2158037573 * b);
        double m = Cube(lightness - 0.1055613458 * a - 0.0638541728 * b);
        double s = Cube(lightness - 0.0894841775 * a - 1.2914855480 * b);
        double r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
        double g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
        double bl = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s;
        return new(Encode(r), Encode(g), Encode(bl));
    }

    private static double Cube(double x) => x * x * x;

    /// <summary>Linear light → 8-bit sRGB (IEC 61966-2-1 transfer curve), clipped to the gamut.</summary>
    private static byte Encode(double linear)
    {
        linear = Math.Clamp(linear, 0, 1);
        double v = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.Pow(linear, 1 / 2.4) - 0.055;
        return (byte)Math.Round(v * 255);
    }
}
