using TemKit.IO;

namespace TemKit.Tests.IO.Formats;

/// <summary>Issue 11: a folder with X.emi and X_1.ser must not process the acquisition twice.</summary>
public class AcquisitionListingTests
{
    [Fact]
    public void AnEmiIsDroppedWhenItsSerFilesAreListed()
    {
        string d = Path.Combine("data", "tia");
        var files = new[]
        {
            Path.Combine(d, "a.emi"), Path.Combine(d, "a_1.ser"), Path.Combine(d, "a_2.ser"),
            Path.Combine(d, "b.emi"),
            Path.Combine(d, "c_1.ser"),
            Path.Combine("other", "a.emi"),
            Path.Combine(d, "image.mrc"),
        };
        Assert.Equal(
            [Path.Combine(d, "a_1.ser"), Path.Combine(d, "a_2.ser"), Path.Combine(d, "b.emi"), Path.Combine(d, "c_1.ser"), Path.Combine("other", "a.emi"), Path.Combine(d, "image.mrc")],
            ImageFile.OnePerAcquisition(files));
    }

    [SkippableFact]
    public void TheSharedTiaFolderListsEveryAcquisitionOnce()
    {
        string folder = SharedData.File("formats", "tia");
        var listed = ImageFile.OnePerAcquisition(Directory.EnumerateFiles(folder).Where(ImageFile.IsSupported).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(listed, f => f.EndsWith(".emi", StringComparison.Ordinal) && File.Exists(f[..^4] + "_1.ser"));
        Assert.Contains(listed, f => f.EndsWith("16x16_STEM_BF_DF_acquire_2.ser", StringComparison.Ordinal));
    }
}
