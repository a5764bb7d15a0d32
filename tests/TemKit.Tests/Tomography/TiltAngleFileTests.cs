using TemKit.IO;
using TemKit.Tomography;
using Xunit;

namespace TemKit.Tests.Tomography;

public class TiltAngleFileTests
{
    [Fact]
    public void ReadsOneAnglePerLine()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "-60.0\n-58\n\n  1.5e1  \n");
            Assert.Equal([-60, -58, 15], TiltAngleFile.Read(path));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(new double[] { -2, 0, 2 }, 4, "has 3 tilt angles but the stack has 4 projections")]
    [InlineData(new double[] { -2, 0, 0, 2 }, 4, "tilt angles 2 and 3 are both 0° (duplicate tilt)")]
    [InlineData(new double[] { -2, 0, -1, 2 }, 4, "tilt angles are not monotonic: 0° then -1° at line 3")]
    [InlineData(new double[] { -2, 95 }, 2, "tilt angle 2 = 95° is outside −90..90°")]
    public void BadTiltListsGetOneClearLine(double[] tilts, int frames, string expected)
    {
        var e = Assert.Throws<TemKitFormatException>(() => TiltAngleFile.Validate(tilts, frames, "x.rawtlt"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("x.rawtlt", e.Message);
    }

    [Fact]
    public void DecreasingSeriesIsAccepted() => TiltAngleFile.Validate([60, 30, 0, -30], 4, "x.tlt");
}
