using System.Security.Cryptography;
using System.Text;

namespace TemKit.IO;

/// <summary>
/// File-name keys for the outputs of one input file in a run folder. Many instruments name every file image.mrc or
/// similar, so the key is the input's name plus a hash of its full path: unique across folders, stable across runs.
/// </summary>
public static class OutputNames
{
    /// <summary>Longest name part kept (characters) before the hash.</summary>
    public const int MaxNameLength = 60;

    /// <summary>
    /// "NAME-HASH": the input's file name without extension (characters other than ASCII letters, digits, '-', '_'
    /// and '.' become '_', cut to <see cref="MaxNameLength"/>), then the first 10 hex digits of the SHA-256 of the full path.
    /// </summary>
    public static string KeyOf(string file)
    {
        string name = Path.GetFileNameWithoutExtension(file);
        var safe = new StringBuilder(name.Length);
        foreach (char c in name) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        if (safe.Length > MaxNameLength) safe.Length = MaxNameLength;
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(file)));
        return $"{safe}-{Convert.ToHexStringLower(hash.AsSpan(0, 5))}";
    }
}
