namespace TemKit.Plotting;

/// <summary>One thing drawn in a plot, in data coordinates.</summary>
internal abstract record PlotItem(string Name);

/// <summary>A series of points drawn as a polyline and/or markers; NaN points break the line and are skipped.</summary>
internal sealed record PointSeries(string Name, double[] X, double[] Y, string Color, double LineWidth, bool Dashed, MarkerShape Marker, double MarkerSize, bool DrawLine)
    : PlotItem(Name);

/// <summary>Bars of the given widths centred on X (a histogram is bars spanning its bin edges).</summary>
internal sealed record BarSeries(string Name, double[] Left, double[] Right, double[] Height, string Color, double Opacity, bool IsHistogram)
    : PlotItem(Name);

/// <summary>A filled band between two curves (confidence interval, envelope).</summary>
internal sealed record BandSeries(string Name, double[] X, double[] Lower, double[] Upper, string Color, double Opacity)
    : PlotItem(Name);

/// <summary>A line across the whole plot at a fixed x (vertical) or y (horizontal), with an optional label.</summary>
internal sealed record ReferenceLine(string Name, double Value, bool Vertical, string Color, bool Dashed)
    : PlotItem(Name);

/// <summary>A text note anchored at a data point.</summary>
internal sealed record TextNote(string Text, double X, double Y, string Color, string Anchor)
    : PlotItem("");
