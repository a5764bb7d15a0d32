namespace TemKit.IO;

/// <summary>Checks on text inputs (structures, parameter ranges) made before they are read whole.</summary>
public static class TextFiles
{
    /// <summary>Refuses a binary file (an image given by mistake) from a NUL byte in its first 4 KiB, so it is neither
    /// read whole as text nor quoted in an error message.</summary>
    /// <param name="path">The file (it must exist).</param>
    /// <param name="kind">What the file should be, e.g. "XYZ" or "YAML".</param>
    /// <exception cref="TemKitFormatException">The file holds a NUL byte near its start.</exception>
    public static void RequireText(string path, string kind)
    {
        Span<byte> head = stackalloc byte[4096];
        int n;
        using (var stream = File.OpenRead(path)) n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        int nul = head[..n].IndexOf((byte)0);
        if (nul >= 0) throw new TemKitFormatException(path, $"not a text {kind} file (byte {nul} is a NUL byte; is it an image?)");
    }
}
