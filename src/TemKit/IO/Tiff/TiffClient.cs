using System.Globalization;
using BitMiracle.LibTiff.Classic;

namespace TemKit.IO.Tiff;

/// <summary>
/// One open TIFF file for LibTiff.NET: the file stream, the library's handle, and the last error the library reported
/// for this file (LibTiff reports errors through a process-wide handler; TemKit's handler files each message with the
/// file it concerns instead of printing it, so the exception can name the file and the problem).
/// </summary>
internal sealed class TiffClient : IDisposable
{
    static TiffClient() => BitMiracle.LibTiff.Classic.Tiff.SetErrorHandler(new QuietHandler());

    private TiffClient(string path, FileStream stream)
    {
        Path = path;
        Stream = stream;
    }

    public string Path { get; }
    public FileStream Stream { get; }
    public BitMiracle.LibTiff.Classic.Tiff Handle { get; private set; } = null!;

    /// <summary>The first error LibTiff reported since <see cref="ClearError"/>, or null.</summary>
    public string? LastError { get; private set; }

    public void ClearError() => LastError = null;

    /// <summary>Opens the file read-only with LibTiff (the header was checked by <see cref="TiffHeader"/> first).</summary>
    public static TiffClient Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        var client = new TiffClient(path, stream);
        try
        {
            client.Handle = BitMiracle.LibTiff.Classic.Tiff.ClientOpen(path, "r", client, new ClientStream())
                ?? throw new TemKitFormatException(path, $"LibTiff cannot read the TIFF directory: {client.LastError ?? "no reason given"}");
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Handle?.Dispose();
        Stream.Dispose();
    }

    private sealed class ClientStream : TiffStream
    {
        public override int Read(object clientData, byte[] buffer, int offset, int count) => ((TiffClient)clientData).Stream.Read(buffer, offset, count);
        public override void Write(object clientData, byte[] buffer, int offset, int count) => throw new NotSupportedException("TemKit opens TIFF files read-only");
        public override long Seek(object clientData, long offset, SeekOrigin origin) => ((TiffClient)clientData).Stream.Seek(offset, origin);
        public override void Close(object clientData) { }
        public override long Size(object clientData) => ((TiffClient)clientData).Stream.Length;
    }

    /// <summary>Files LibTiff's errors with the file they concern and drops its warnings (unknown vendor tags are normal).</summary>
    private sealed class QuietHandler : TiffErrorHandler
    {
        public override void ErrorHandler(BitMiracle.LibTiff.Classic.Tiff tif, string method, string format, params object[] args) { }

        public override void ErrorHandlerExt(BitMiracle.LibTiff.Classic.Tiff tif, object clientData, string method, string format, params object[] args)
        {
            if (clientData is TiffClient client) client.LastError ??= Format(format, args);
        }

        public override void WarningHandler(BitMiracle.LibTiff.Classic.Tiff tif, string method, string format, params object[] args) { }

        public override void WarningHandlerExt(BitMiracle.LibTiff.Classic.Tiff tif, object clientData, string method, string format, params object[] args) { }

        private static string Format(string format, object[] args)
        {
            try
            {
                return string.Format(CultureInfo.InvariantCulture, format, args);
            }
            catch (FormatException)
            {
                return format;
            }
        }
    }
}
