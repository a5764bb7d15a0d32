namespace TemKit.Pipelines.Defocus;

public sealed partial class DefocusRun
{
    /// <summary>Outcome of <see cref="Merge"/>.</summary>
    /// <param name="Shards">Shards merged.</param>
    /// <param name="Images">Rows in the merged results.</param>
    /// <param name="Failed">Rows with status error (including files a shard did not finish).</param>
    public sealed record MergeSummary(int Shards, int Images, int Failed);

    /// <summary>
    /// Merges RUN/shards/0..N-1 into RUN: results.csv (rows in file order, as a single run writes them), the juncture
    /// files and the report. A file a shard did not finish becomes an error row "not processed by shard K".
    /// </summary>
    public static MergeSummary Merge(string root)
    {
        var top = RunFolder.At(root);
        string shardsDir = Path.Combine(top.Root, "shards");
        if (!Directory.Exists(shardsDir)) throw new InvalidOperationException($"{top.Root} has no shards/ folder");
        using var held = TemKit.IO.RunFolderLock.ForFolder(top.Root);
        TemKit.IO.RunFolderKind.Claim(top.Root, "defocus");
        var manifests = Directory.EnumerateDirectories(shardsDir)
            .Select(d => RunFolder.Shard(top.Root, int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture)))
            .Select(f => (Folder: f, Manifest: f.LoadManifest())).OrderBy(m => m.Manifest.Index).ToList();
        if (manifests.Count == 0) throw new InvalidOperationException($"{shardsDir} holds no shard");
        int count = manifests[0].Manifest.Count;
        var missing = Enumerable.Range(0, count).Except(manifests.Select(m => m.Manifest.Index)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"shards {string.Join(", ", missing)} of {count} never started (no {shardsDir}/K/shard.json)");
        var options = manifests[0].Folder.LoadOptions() ?? throw new InvalidOperationException($"shard 0 has no run.json");
        foreach (var (folder, _) in manifests)
            if (folder.LoadOptions() != options) throw new InvalidOperationException($"{folder.Root} was run with other options than shard 0");
        var parts = new List<ImagePart>();
        foreach (var (folder, manifest) in manifests)
        {
            var store = new PartStore(folder.PartsFolder);
            foreach (string file in manifest.Files)
                parts.Add(store.TryLoad(file) ?? ImagePart.Failed(file, $"not processed by shard {manifest.Index}"));
        }
        parts.Sort((a, b) => string.CompareOrdinal(a.Result.File, b.Result.File));
        top.SaveOptions(options);
        Finish(top, parts, options, writeReport: true);
        return new MergeSummary(manifests.Count, parts.Count, parts.Count(p => !p.Result.IsOk));
    }
}
