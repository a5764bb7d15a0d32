using TemKit.Imaging;

namespace TemKit.IO.Tia;

/// <summary>Stub.</summary>
public static class TiaFile
{
    /// <summary>Stub.</summary>
    public static IFrameSource Open(string path, ReadOptions? options = null) => throw new TemKitFormatException(path, "not yet");

    /// <summary>Stub.</summary>
    public static IReadOnlyList<ImageSignal> ListSignals(string path) => throw new TemKitFormatException(path, "not yet");
}
