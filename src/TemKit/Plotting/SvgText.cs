using System.Globalization;
using System.Text;

namespace TemKit.Plotting;

/// <summary>Small helpers for writing SVG text: XML escaping, invariant numbers, rough text widths.</summary>
internal static class SvgText
{
    /// <summary>Font stack used by every plot.</summary>
    public const string FontFamily = "'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif";

    /// <summary>Escapes &amp;, &lt;, &gt;, quotes and drops characters XML 1.0 forbids.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                    if (c is '\uFFFE' or '\uFFFF') break;
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A coordinate with at most two decimals, invariant culture.</summary>
    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Estimated rendered width in px of <paramref name="text"/> at <paramref name="fontSize"/> (DejaVu/Helvetica average advance).</summary>
    public static double Width(string? text, double fontSize)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        double em = 0;
        foreach (char c in text)
            em += c switch
            {
                'i' or 'l' or 'j' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.3,
                'f' or 't' or 'r' or '(' or ')' or '[' or ']' or ' ' or '-' => 0.38,
                'm' or 'w' or 'M' or 'W' => 0.9,
                >= 'A' and <= 'Z' => 0.7,
                '⁰' or '¹' or '²' or '³' or '⁴' or '⁵' or '⁶' or '⁷' or '⁸' or '⁹' or '⁻' => 0.4,
                _ => 0.6,
            };
        return em * fontSize;
    }
}
