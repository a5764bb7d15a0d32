using System.Text;

namespace TemKit.Plotting;

/// <summary>
/// Opens and closes standalone SVG documents. Element ids (clip paths) are written with a placeholder
/// that <see cref="Close"/> replaces by a hash of the document, so several plots inlined in one HTML
/// page never share an id, and the same plot always gives the same bytes.
/// </summary>
internal static class SvgDocument
{
    /// <summary>Stands for the document's unique id prefix until <see cref="Close"/>.</summary>
    public const string IdPlaceholder = "\u0001tkid\u0001";

    public static void Open(StringBuilder sb, double width, double height)
    {
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").Append(SvgText.N(width))
          .Append("\" height=\"").Append(SvgText.N(height)).Append("\" viewBox=\"0 0 ").Append(SvgText.N(width)).Append(' ')
          .Append(SvgText.N(height)).Append("\" font-family=\"").Append(SvgText.FontFamily).Append("\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    public static string Close(StringBuilder sb)
    {
        sb.Append("</svg>\n");
        string text = sb.ToString();
        // FNV-1a over the text: stable across runs and processes, unlike string.GetHashCode.
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return text.Replace(IdPlaceholder, $"tk{hash & 0xFFFFFFFFFFUL:x10}");
    }
}
