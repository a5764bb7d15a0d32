namespace TemKit.IO.Dm;

/// <summary>A group of DM tags (named entries, unnamed list items, or both), in file order.</summary>
public sealed class DmTagGroup : DmTag
{
    internal DmTagGroup(string name, int index, string path, bool isSorted, bool isOpen, IReadOnlyList<DmTag> tags)
        : base(name, index, path)
    {
        IsSorted = isSorted;
        IsOpen = isOpen;
        Tags = tags;
    }

    /// <summary>The group's "sorted" flag as stored in the file.</summary>
    public bool IsSorted { get; }

    /// <summary>The group's "open" flag as stored in the file.</summary>
    public bool IsOpen { get; }

    /// <summary>Every entry of the group in file order.</summary>
    public IReadOnlyList<DmTag> Tags { get; }

    /// <summary>The first entry called <paramref name="name"/> (ordinal comparison), or null.</summary>
    public DmTag? this[string name]
    {
        get
        {
            foreach (var tag in Tags)
                if (tag.Name == name) return tag;
            return null;
        }
    }

    /// <summary>The subgroup called <paramref name="name"/>, or null.</summary>
    public DmTagGroup? Group(string name) => this[name] as DmTagGroup;

    /// <summary>The data entry called <paramref name="name"/>, or null.</summary>
    public DmTagData? Data(string name) => this[name] as DmTagData;

    /// <summary>Follows a path of names from this group, e.g. Find("Microscope Info", "Voltage"); null if any step is missing.</summary>
    public DmTag? Find(params string[] names)
    {
        DmTag? current = this;
        foreach (var name in names)
        {
            if (current is not DmTagGroup group) return null;
            current = group[name];
        }
        return current;
    }

    /// <summary>The subgroups of this group, named or not, in file order.</summary>
    public IEnumerable<DmTagGroup> Groups => Tags.OfType<DmTagGroup>();

    /// <summary>Every data entry below this group, depth first in file order.</summary>
    public IEnumerable<DmTagData> Descendants()
    {
        var stack = new Stack<IEnumerator<DmTag>>();
        stack.Push(Tags.GetEnumerator());
        while (stack.Count > 0)
        {
            var e = stack.Peek();
            if (!e.MoveNext())
            {
                stack.Pop();
                continue;
            }
            if (e.Current is DmTagGroup g) stack.Push(g.Tags.GetEnumerator());
            else yield return (DmTagData)e.Current;
        }
    }

    /// <summary>"path: group of n".</summary>
    public override string ToString() => $"{(Path.Length == 0 ? "(root)" : Path)}: group of {Tags.Count}";
}
