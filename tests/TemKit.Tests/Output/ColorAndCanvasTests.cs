using TemKit.Imaging.Display;

namespace TemKit.Tests.Output;

public class ColorAndCanvasTests
{
    private static double Luminance(RgbColor c)
    {
        static double Lin(byte v) { double s = v / 255.0; return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4); }
        return 0.2126 * Lin(c.R) + 0.7152 * Lin(c.G) + 0.0722 * Lin(c.B);
    }

    [Fact]
    public void PerceptualMapGetsSteadilyBrighterFromVioletToYellow()
    {
        var map = Colormap.Perceptual;
        for (int i = 0; i + 4 < 256; i++)
            Assert.True(Luminance(map[(byte)(i + 4)]) > Luminance(map[(byte)i]), $"entry {i + 4} not brighter than {i}");
        RgbColor first = map[0], last = map[255];
        Assert.True(first.B > first.G && first.R > first.G, $"dark end {first} should be violet");
        Assert.True(last.R > 200 && last.G > 200 && last.B < 100, $"bright end {last} should be yellow");
        Assert.True(Luminance(first) < 0.05 && Luminance(last) > 0.7);
    }

    [Fact]
    public void DivergingMapIsLightInTheMiddleAndSymmetricInLightness()
    {
        var map = Colormap.Diverging;
        Assert.True(Luminance(map[128]) > 0.85);
        Assert.True(map[0].B > map[0].R && map[255].R > map[255].B);
        Assert.True(Math.Abs(Luminance(map[10]) - Luminance(map[245])) < 0.06);
    }

    [Fact]
    public void MaskOverlayBlendsOnlyInsideTheMask()
    {
        byte[] gray = [100, 100, 200];
        byte[] rgb = Overlay.Mask(gray, new byte[] { 0, 1, 1 }, new RgbColor(255, 0, 0), 0.5);
        Assert.Equal(new byte[] { 100, 100, 100, 178, 50, 50, 228, 100, 100 }, rgb);
    }

    [Fact]
    public void ProbabilityOverlayScalesOpacityWithProbability()
    {
        byte[] gray = [0, 0, 0, 0];
        byte[] rgb = Overlay.Probability(gray, [0f, 0.5f, 1f, float.NaN], new RgbColor(0, 200, 0), maxAlpha: 0.8);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 80, 0, 0, 160, 0, 0, 0, 0 }, rgb);
    }

    [Fact]
    public void OutlineMarksOnlyTheBoundary()
    {
        var mask = new byte[25];
        for (int y = 1; y <= 3; y++) for (int x = 1; x <= 3; x++) mask[y * 5 + x] = 1;
        byte[] rgb = Overlay.Outline(new byte[25], mask, 5, RgbColor.White);
        Assert.Equal(0, rgb[3 * 12]);       // centre of the 3x3 block stays
        Assert.Equal(255, rgb[3 * 6]);      // its corner is on the boundary
        Assert.Equal(0, rgb[0]);            // outside
    }

    [Fact]
    public void CircleLiesAtItsRadius()
    {
        var c = new RgbCanvas(101, 101);
        c.DrawCircle(50, 50, 30, RgbColor.White, thickness: 2);
        foreach (var (x, y) in new[] { (80, 50), (20, 50), (50, 20), (50, 80), (71, 71) })
            Assert.True(c[x, y].R > 200, $"({x},{y}) should be on the ring");
        Assert.Equal(RgbColor.Black, c[50, 50]);
        Assert.Equal(RgbColor.Black, c[85, 50]);
        Assert.Equal(RgbColor.Black, c[75, 50]);
    }

    [Fact]
    public void RotatedEllipseAndHalfArc()
    {
        // Major semi-axis 40 along 90° (screen up), minor 15 along x.
        var c = new RgbCanvas(121, 121);
        c.DrawEllipse(60, 60, 40, 15, 90, RgbColor.White, thickness: 1.5);
        Assert.True(c[60, 20].R > 150 && c[60, 100].R > 150, "ends of the major axis");
        Assert.True(c[75, 60].R > 150 && c[45, 60].R > 150, "ends of the minor axis");
        Assert.Equal(RgbColor.Black, c[100, 60]);

        // Right half only: −90°..90° through 0° (the +x direction).
        var half = new RgbCanvas(121, 121);
        half.DrawEllipse(60, 60, 30, 30, 0, RgbColor.White, thickness: 1.5, startDegrees: -90, endDegrees: 90);
        Assert.True(half[90, 60].R > 150);
        Assert.Equal(RgbColor.Black, half[30, 60]);
        Assert.True(half[81, 39].R > 100, "upper right of the arc");
    }

    [Fact]
    public void LinesAndCrossesCoverTheirPixels()
    {
        var c = new RgbCanvas(40, 40);
        c.DrawLine(5, 10, 34, 10, RgbColor.Red);
        for (int x = 5; x <= 34; x++) Assert.Equal(RgbColor.Red, c[x, 10]);
        Assert.Equal(RgbColor.Black, c[20, 12]);
        c.DrawCross(20, 30, 4, RgbColor.Green);
        Assert.Equal(RgbColor.Green, c[16, 30]);
        Assert.Equal(RgbColor.Green, c[20, 26]);
        Assert.Equal(RgbColor.Black, c[17, 27]);
    }

    [Fact]
    public void SemiTransparentPolylineDoesNotDarkenAtJoints()
    {
        var c = new RgbCanvas(30, 30);
        c.DrawPolyline([5, 15, 25], [15, 15, 15], RgbColor.White, 1, alpha: 0.5);
        Assert.Equal(c[10, 15], c[15, 15]);
        Assert.Equal(128, c[15, 15].R);
    }
}
