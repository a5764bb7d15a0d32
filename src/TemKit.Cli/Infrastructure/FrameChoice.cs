using TemKit.Imaging;

namespace TemKit.Cli.Infrastructure;

/// <summary>The image a command works on: one frame of a file (--frame, 0-based) or the average of all its frames.</summary>
internal static class FrameChoice
{
    /// <summary>Reads frame <paramref name="frame"/> (0-based), or the average of every frame when it is null;
    /// a frame outside the file is a usage error naming the file and its frame range.</summary>
    public static Image2D Read(IFrameSource source, int? frame, string path)
    {
        if (frame is not { } z) return source.ReadAverage();
        if (z < 0 || z >= source.FrameCount)
            throw new UsageException(source.FrameCount == 1
                ? $"--frame {z}: {Path.GetFileName(path)} has one frame, number 0"
                : $"--frame {z}: {Path.GetFileName(path)} has frames 0..{source.FrameCount - 1}");
        return source.ReadImage(z);
    }
}
