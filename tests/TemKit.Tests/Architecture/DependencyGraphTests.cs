using System.Text.RegularExpressions;

namespace TemKit.Tests.Architecture;

/// <summary>
/// The library's namespace dependency graph, read from the source: <c>using</c> lines, fully qualified names
/// (<c>TemKit.IO.Png.PngWriter</c>) and names qualified from a sibling namespace (<c>Optics.ElectronOptics</c> inside
/// <c>TemKit.Simulation</c>); comments do not count. It must be acyclic at every depth and follow base → physics → pipelines
/// (docs/architecture.md).
/// </summary>
public partial class DependencyGraphTests
{
    private static readonly Dictionary<string, int> s_layer = new()
    {
        ["Numerics"] = 0, ["Imaging"] = 0, ["Fourier"] = 0, ["IO"] = 0, ["Optics"] = 0, ["Plotting"] = 0, ["Reporting"] = 0,
        ["CtfEstimation"] = 1, ["CtfCorrection"] = 1, ["Detector"] = 1, ["Simulation"] = 1, ["Tomography"] = 1, ["Neural"] = 1,
        ["Pipelines"] = 2,
    };

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"(?<![\w.])((?:TemKit\.)?[A-Z]\w*(?:\.[A-Z]\w*)+)")]
    private static partial Regex QualifiedName();

    /// <summary>File → (its namespace, the namespaces it refers to).</summary>
    private static Dictionary<string, (string Namespace, HashSet<string> Uses)> Graph()
    {
        // Comments (and XML docs' crefs) name types without depending on them: only code counts.
        var sources = SourceTree.CSharpFiles(SourceTree.Library).ToDictionary(f => f, f => LineComment().Replace(File.ReadAllText(f), ""));
        var namespaces = new HashSet<string>();
        var types = new Dictionary<string, HashSet<string>>();
        foreach (var (file, text) in sources)
        {
            string ns = NamespaceLine().Match(text).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(ns), $"{file}: no namespace");
            namespaces.Add(ns);
            if (!types.TryGetValue(ns, out var set)) types[ns] = set = [];
            foreach (Match m in TypeDeclaration().Matches(text)) set.Add(m.Groups[1].Value);
        }
        var graph = new Dictionary<string, (string, HashSet<string>)>();
        foreach (var (file, text) in sources)
        {
            string ns = NamespaceLine().Match(text).Groups[1].Value;
            var uses = new HashSet<string>();
            foreach (Match m in QualifiedName().Matches(text))
            {
                string name = m.Groups[1].Value;
                // Resolve like the compiler: as written, then relative to each enclosing namespace.
                var candidates = new List<string> { name };
                for (string outer = ns; outer.Length > 0; outer = outer.Contains('.') ? outer[..outer.LastIndexOf('.')] : "")
                    candidates.Add(outer + "." + name);
                foreach (string candidate in candidates)
                {
                    string? target = Longest(candidate, namespaces, types);
                    if (target is null) continue;
                    if (target != ns) uses.Add(target);
                    break;
                }
            }
            graph[file] = (ns, uses);
        }
        return graph;
    }

    // The namespace a dotted name refers to: its longest prefix that is a namespace, if the rest starts with a type of
    // it (or is empty, for a using line).
    private static string? Longest(string name, HashSet<string> namespaces, Dictionary<string, HashSet<string>> types)
    {
        var parts = name.Split('.');
        for (int n = parts.Length; n >= 2; n--)
        {
            string prefix = string.Join('.', parts[..n]);
            if (!namespaces.Contains(prefix)) continue;
            return n == parts.Length || types[prefix].Contains(parts[n]) ? prefix : null;
        }
        return null;
    }

    private static string Cut(string ns, int depth) => string.Join('.', ns.Split('.').Take(depth + 1));

    private static Dictionary<string, HashSet<string>> Edges(int depth)
    {
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var (ns, uses) in Graph().Values)
        {
            string a = Cut(ns, depth);
            if (!edges.TryGetValue(a, out var set)) edges[a] = set = [];
            foreach (string u in uses)
            {
                string b = Cut(u, depth);
                // A namespace and its own parent or child are one unit at this depth.
                if (b != a && !a.StartsWith(b + ".", StringComparison.Ordinal) && !b.StartsWith(a + ".", StringComparison.Ordinal)) set.Add(b);
            }
        }
        return edges;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NamespacesFormNoCycle(int depth)
    {
        var edges = Edges(depth);
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        void Visit(string v)
        {
            state[v] = 1;
            path.Add(v);
            foreach (string w in edges.GetValueOrDefault(v) ?? [])
            {
                if (state.GetValueOrDefault(w) == 1)
                    Assert.Fail("dependency cycle: " + string.Join(" -> ", path.SkipWhile(p => p != w).Append(w)));
                if (state.GetValueOrDefault(w) == 0) Visit(w);
            }
            path.RemoveAt(path.Count - 1);
            state[v] = 2;
        }
        foreach (string v in edges.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(v) == 0) Visit(v);
    }

    [Fact]
    public void DependenciesPointFromPipelinesToPhysicsToBase()
    {
        var wrong = new List<string>();
        foreach (var (a, targets) in Edges(1))
        {
            string fa = a.Split('.')[1];
            Assert.True(s_layer.ContainsKey(fa), $"folder {fa} has no layer in this test and docs/architecture.md");
            foreach (string b in targets)
                if (s_layer[b.Split('.')[1]] > s_layer[fa]) wrong.Add($"{a} -> {b}");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void TheGraphSeesKnownDependencies()
    {
        // Guards the parser: these edges exist, through a using line, a sibling-qualified name and a full name.
        var edges = Edges(1);
        Assert.Contains("TemKit.Optics", edges["TemKit.CtfEstimation"]);
        Assert.Contains("TemKit.Optics", edges["TemKit.Simulation"]);
        Assert.Contains("TemKit.Detector", edges["TemKit.Pipelines"]);
        Assert.DoesNotContain("TemKit.IO", edges["TemKit.Imaging"]);
    }
}
