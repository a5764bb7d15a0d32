namespace TemKit.Plotting;

/// <summary>Marker drawn at each point of a scatter series (or on a line).</summary>
public enum MarkerShape
{
    /// <summary>No marker (a plain line).</summary>
    None,

    /// <summary>Filled circle.</summary>
    Circle,

    /// <summary>Filled square.</summary>
    Square,

    /// <summary>Filled diamond (square rotated by 45°).</summary>
    Diamond,

    /// <summary>Filled upward triangle.</summary>
    Triangle,
}

/// <summary>
/// Where the legend box goes. <see cref="Auto"/> takes an inside corner that hides no data, and when
/// every corner would hide some, moves the legend to the right of the plot (inside the best corner for
/// panels of a figure, whose plot areas must line up).
/// </summary>
public enum LegendPosition
{
    /// <summary>A free inside corner, else outside on the right (see the type's summary).</summary>
    Auto,

    /// <summary>Inside, top right corner.</summary>
    TopRight,

    /// <summary>Inside, top left corner.</summary>
    TopLeft,

    /// <summary>Inside, bottom right corner.</summary>
    BottomRight,

    /// <summary>Inside, bottom left corner.</summary>
    BottomLeft,

    /// <summary>Right of the plot area, which narrows to make room.</summary>
    OutsideRight,

    /// <summary>No legend.</summary>
    None,
}
