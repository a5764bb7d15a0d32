using TemKit.IO;

namespace TemKit.Tests.IO.Formats;

/// <summary>Every broken file of ../shared/data/formats/broken is refused with one line naming the file, without a large allocation.</summary>
public class FormatsBrokenTests
{
    public static TheoryData<string> Broken() => FormatsManifest.Files(valid: false);

    [SkippableTheory]
    [MemberData(nameof(Broken))]
    public void BrokenFileIsRefusedInOneLineNamingIt(string file)
    {
        string path = Path.Combine(FormatsManifest.Root, file);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<TemKitFormatException>(() =>
        {
            using var source = ImageFile.Open(path);
            var frame = new float[source.Width * source.Height];
            for (int z = 0; z < source.FrameCount; z++) source.ReadFrame(z, frame);
        });
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith(Path.GetFileName(path) + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        // Nothing sized from a corrupt header: at most a few MB beyond the file itself.
        Assert.True(allocated < 8_000_000 + 16 * new FileInfo(path).Length, $"{file}: {allocated} bytes allocated before the refusal");
    }
}
