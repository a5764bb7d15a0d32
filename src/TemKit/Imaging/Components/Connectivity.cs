namespace TemKit.Imaging.Components;

/// <summary>Which neighbours join two foreground pixels into one component.</summary>
public enum Connectivity
{
    /// <summary>Pixels sharing an edge (left, right, up, down).</summary>
    Four = 4,

    /// <summary>Pixels sharing an edge or a corner (scikit-image's default for 2D labels).</summary>
    Eight = 8,
}
