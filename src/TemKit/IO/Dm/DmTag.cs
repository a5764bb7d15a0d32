namespace TemKit.IO.Dm;

/// <summary>
/// One entry of a DM3/DM4 tag tree: a <see cref="DmTagGroup"/> or a <see cref="DmTagData"/>.
/// Entries may be unnamed (list items such as the images of ImageList); they are then addressed
/// by their position in the parent group.
/// </summary>
public abstract class DmTag
{
    private protected DmTag(string name, int index, string path)
    {
        Name = name;
        Index = index;
        Path = path;
    }

    /// <summary>The tag's name; empty for unnamed list items.</summary>
    public string Name { get; }

    /// <summary>Position of this entry in its parent group (0-based).</summary>
    public int Index { get; }

    /// <summary>
    /// Dotted path from the root, unnamed entries written as their index in brackets:
    /// "ImageList[1].ImageTags.Microscope Info.Voltage". The root group's path is empty.
    /// </summary>
    public string Path { get; }

    /// <summary>Path segment for a child: ".Name" or "[index]" for unnamed entries.</summary>
    internal static string ChildPath(string parentPath, string name, int index) =>
        name.Length == 0 ? $"{parentPath}[{index}]"
        : parentPath.Length == 0 ? name
        : $"{parentPath}.{name}";
}
