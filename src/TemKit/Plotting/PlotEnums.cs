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

/// <summary>Where the legend box goes; <see cref="Auto"/> picks the inside corner covering the fewest points.</summary>
public enum LegendPosition
{
    Auto,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    None,
}
