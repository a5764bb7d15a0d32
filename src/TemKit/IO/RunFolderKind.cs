namespace TemKit.IO;

/// <summary>
/// Which job's run a folder holds, so two different jobs never write into one folder: several write report.html,
/// provenance.json, run.json or frames.csv, and the second would silently replace the first one's. A run folder holds
/// <see cref="FileName"/> naming its job; a run folder written before these marks is recognised by a file only its job
/// writes (defocus: micrographs_ctf.star, segment: segmentation.csv, particles: tracks.csv, columns: counts.csv).
/// </summary>
public static class RunFolderKind
{
    /// <summary>Name of the mark inside a run folder; it holds the job's name (e.g. "defocus") and a newline.</summary>
    public const string FileName = ".temkit-run";

    private static readonly (string Kind, string File)[] s_ownFiles =
    [
        ("defocus", "micrographs_ctf.star"),
        ("segment", "segmentation.csv"),
        ("particles", "tracks.csv"),
        ("columns", "counts.csv"),
    ];

    /// <summary>
    /// Checks that <paramref name="folder"/> (created when missing) holds no run of another job than
    /// <paramref name="kind"/> and marks it as a <paramref name="kind"/> run. Other files in the folder are left alone.
    /// </summary>
    /// <param name="folder">The run folder.</param>
    /// <param name="kind">The job, as its command is named ("defocus", "segment", "particles", ...).</param>
    /// <exception cref="RunFolderClashException">The folder holds another job's run.</exception>
    public static void Claim(string folder, string kind)
    {
        string full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        string mark = Path.Combine(full, FileName);
        string? holder = File.Exists(mark)
            ? File.ReadAllText(mark).Trim()
            : s_ownFiles.Where(o => o.Kind != kind && File.Exists(Path.Combine(full, o.File))).Select(o => o.Kind).FirstOrDefault();
        if (holder is { Length: > 0 } && holder != kind) throw new RunFolderClashException(full, holder, kind);
        if (holder != kind) AtomicFile.WriteAllText(mark, kind + "\n");
    }
}

/// <summary>A run folder holds the run of another job (<see cref="RunFolderKind"/>).</summary>
public sealed class RunFolderClashException : IOException
{
    /// <summary>Creates the exception: "RUN holds a 'temkit HOLDER' run; write the 'temkit WANTED' run to another folder".</summary>
    public RunFolderClashException(string folder, string holder, string wanted)
        : base($"{folder} holds a 'temkit {holder}' run; write the 'temkit {wanted}' run to another folder")
    {
        Folder = folder;
        Holder = holder;
        Wanted = wanted;
    }

    /// <summary>The run folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The job whose run the folder holds.</summary>
    public string Holder { get; }

    /// <summary>The job that was refused.</summary>
    public string Wanted { get; }
}
