using Microsoft.Win32.SafeHandles;

namespace TemKit.IO.Mrc;

/// <summary>Positional, thread-safe reads (no shared file position) that insist on getting every byte.</summary>
internal static class RandomAccessIO
{
    public static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset, MrcProblems problems)
    {
        while (!destination.IsEmpty)
        {
            int n = RandomAccess.Read(handle, destination, offset);
            if (n <= 0) throw problems.Fail($"data: file ended at byte {offset} while reading (was it truncated after opening?)");
            destination = destination[n..];
            offset += n;
        }
    }
}
