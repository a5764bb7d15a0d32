using System.Text;
using TemKit.IO;

namespace TemKit.Plotting;

/// <summary>
/// Several <see cref="SvgPlot"/> panels in one SVG: stacked vertically (the default, one column) or in
/// a grid of <see cref="Columns"/>. Panels in a column share their width and their plot areas line up
/// (a common left margin), so stacked curves can be compared by eye.
/// </summary>
public sealed class SvgFigure
{
    private readonly List<SvgPlot> _plots;

    /// <summary>A figure of the given panels, in reading order (left to right, then top to bottom).</summary>
    public SvgFigure(params SvgPlot[] plots)
    {
        ArgumentNullException.ThrowIfNull(plots);
        _plots = [.. plots];
    }

    /// <summary>A figure of the given panels.</summary>
    public SvgFigure(IEnumerable<SvgPlot> plots) : this(plots.ToArray())
    {
    }

    /// <summary>Panels per row (1 stacks them vertically).</summary>
    public int Columns { get; set; } = 1;

    /// <summary>Width in px of each panel; null uses the widest panel's own <see cref="SvgPlot.Width"/>.</summary>
    public int? PanelWidth { get; set; }

    /// <summary>Optional title above all panels.</summary>
    public string? Title { get; set; }

    /// <summary>Label the panels (a), (b), (c) ... in their top-left corners.</summary>
    public bool PanelLabels { get; set; }

    /// <summary>The panels, in order.</summary>
    public IReadOnlyList<SvgPlot> Plots => _plots;

    /// <summary>Adds a panel at the end.</summary>
    public SvgFigure Add(SvgPlot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        _plots.Add(plot);
        return this;
    }

    /// <summary>The figure as a standalone SVG document.</summary>
    public string ToSvg()
    {
        int columns = Math.Max(1, Math.Min(Columns, Math.Max(1, _plots.Count)));
        int rows = (_plots.Count + columns - 1) / columns;
        double panelWidth = PanelWidth ?? (_plots.Count == 0 ? 640 : _plots.Max(p => p.Width));
        var rowHeights = new double[rows];
        for (int i = 0; i < _plots.Count; i++) rowHeights[i / columns] = Math.Max(rowHeights[i / columns], _plots[i].Height);
        double titleHeight = string.IsNullOrEmpty(Title) ? 0 : 34;
        double width = panelWidth * columns, height = titleHeight + rowHeights.Sum();
        if (_plots.Count == 0) height = Math.Max(height, 40);

        // A common left margin per column makes the y axes line up.
        var left = new double[columns];
        for (int i = 0; i < _plots.Count; i++)
            left[i % columns] = Math.Max(left[i % columns], _plots[i].NaturalLeft(panelWidth, rowHeights[i / columns]));

        var sb = new StringBuilder();
        SvgDocument.Open(sb, width, height);
        if (!string.IsNullOrEmpty(Title))
            SvgPlot.Text(sb, width / 2, 24, Title, SvgPlot.TitleFont + 2, "middle", "figure-title", weight: "600");
        double y = titleHeight;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                int i = r * columns + c;
                if (i >= _plots.Count) break;
                var plot = _plots[i];
                var layout = plot.Layout(panelWidth, rowHeights[r], left[c]);
                string? label = PanelLabels ? $"({(char)('a' + i % 26)})" : null;
                plot.Render(sb, c * panelWidth, y, panelWidth, rowHeights[r], layout, label, i);
            }
            y += rowHeights[r];
        }
        return SvgDocument.Close(sb);
    }

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToSvg());
}
