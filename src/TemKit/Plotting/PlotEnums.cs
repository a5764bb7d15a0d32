namespace TemKit.Plotting;

/// <summary>Marker drawn at each point of a scatter series (or on a line).</summary>
public enum MarkerShape
{
    None,
    Circle,
    Square,
    Diamond,
    Triangle,
}

/// <summary>
/// Where the legend box goes. <see cref="Auto"/> takes an inside corner that hides no data, and when
/// every corner would hide some, moves the legend to the right of the plot (inside the best corner for
/// panels of a figure, whose plot areas must line up).
/// </summary>
public enum LegendPosition
{
    Auto,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    OutsideRight,
    None,
}
