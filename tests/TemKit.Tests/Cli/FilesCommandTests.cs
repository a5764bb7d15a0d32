using System.Text.Json;
using TemKit.Imaging;
using TemKit.IO.Mrc;

namespace TemKit.Tests.Cli;

/// <summary>The numbers a microscopist checks in info, convert and fft, and the guards on their outputs.</summary>
[Collection("cli")]
public sealed class FilesCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Image2D Noise(int w, int h, double pixelAngstrom, int seed)
    {
        var image = new Image2D(w, h, VoxelSize.Isotropic(pixelAngstrom));
        var rng = new Random(seed);
        for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = (float)(rng.NextDouble() * 200 - 100);
        return image;
    }

    [SkippableFact]
    public void FftPutsLatticeSpotsAtOneOverD()
    {
        // Fringes of period 4 Å along x and 2 Å along y, sampled at 0.5 Å/px on 256 px (frequency step 1/128 Å⁻¹):
        // the spots belong at ±(1/4)·128 = ±32 px along x and ±(1/2)·128 = ±64 px along y from the centre.
        const int n = 256;
        const double s = 0.5;
        var image = new Image2D(n, n, VoxelSize.Isotropic(s));
        for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                image[x, y] = (float)(Math.Cos(2 * Math.PI * x * s / 4.0) + 0.5 * Math.Cos(2 * Math.PI * y * s / 2.0));
        MrcFile.Write(_dir["lattice.mrc"], image);
        var (code, stdout, stderr) = CliRunner.Run("fft", _dir["lattice.mrc"], "-o", _dir["ps.png"], "--mrc", _dir["ps.mrc"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("Nyquist at the edge = 1 1/Å", stdout);
        var power = MrcFile.Read(_dir["ps.mrc"]).FrameImage(0);
        var peaks = Enumerable.Range(0, n * n).OrderByDescending(i => power.Pixels[i]).Take(4)
            .Select(i => (X: i % n - n / 2, Y: i / n - n / 2)).OrderBy(p => p).ToArray();
        Assert.Equal([(-32, 0), (0, -64), (0, 64), (32, 0)], peaks);
        // The x fringes have twice the amplitude, so four times the power of the y fringes.
        Assert.Equal(4.0, power[n / 2 + 32, n / 2] / power[n / 2, n / 2 + 64], 2);
    }

    [SkippableFact]
    public void FftOfAnImageWithNaNPixelsIsFiniteAndWarns()
    {
        var image = Noise(32, 32, 1.0, 1);
        image[3, 4] = float.NaN;
        image[5, 5] = float.PositiveInfinity;
        MrcFile.Write(_dir["nan.mrc"], image);
        var (code, _, stderr) = CliRunner.Run("fft", _dir["nan.mrc"], "-o", _dir["ps.png"], "--mrc", _dir["ps.mrc"]);
        Assert.Equal(0, code);
        Assert.Contains("2 NaN/Inf pixel(s)", stderr);
        Assert.All(MrcFile.Read(_dir["ps.mrc"]).Data.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [SkippableFact]
    public void ConvertMrcToMrcKeepsEveryPixelAndThePixelSize()
    {
        var image = Noise(33, 17, 1.37, 2);
        MrcFile.Write(_dir["a.mrc"], image);
        Assert.Equal(0, CliRunner.Run("convert", _dir["a.mrc"], _dir["b.mrc"]).ExitCode);
        Assert.Equal(0, CliRunner.Run("convert", _dir["b.mrc"], _dir["c.mrc"]).ExitCode);
        var back = MrcFile.Read(_dir["c.mrc"]);
        Assert.Equal((33, 17, 1), (back.Nx, back.Ny, back.Nz));
        Assert.Equal(1.37, back.VoxelSize.XAngstrom, 5);
        Assert.Equal(image.Pixels.ToArray(), back.Data.ToArray());
    }

    [SkippableFact]
    public void ConvertToMode12KeepsHalfPrecision()
    {
        var image = Noise(40, 30, 1.0, 3);
        MrcFile.Write(_dir["a.mrc"], image);
        var (code, _, stderr) = CliRunner.Run("convert", _dir["a.mrc"], _dir["h.mrc"], "--mode", "12");
        Assert.True(code == 0, stderr);
        var half = MrcFile.Read(_dir["h.mrc"]);
        var values = half.Data.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            float v = image.Pixels[i];
            // float16 has an 11-bit significand: rounding error ≤ 2^-11 of the value (plus the subnormal step near 0).
            Assert.True(Math.Abs(values[i] - v) <= Math.Abs(v) * Math.Pow(2, -11) + Math.Pow(2, -24), $"pixel {i}: {v} -> {values[i]}");
            Assert.Equal((float)(Half)v, values[i]);
        }
    }

    [SkippableFact]
    public void OutputsThatWouldReplaceTheInputOrHaveTheWrongTypeAreRefused()
    {
        MrcFile.Write(_dir["in.mrc"], Noise(16, 16, 1.0, 4));
        byte[] before = File.ReadAllBytes(_dir["in.mrc"]);
        foreach (var args in new[]
        {
            new[] { "convert", _dir["in.mrc"], _dir["in.mrc"], "--mode", "12" },
            ["noise", "apply", _dir["in.mrc"], "-o", _dir["in.mrc"], "--dose-e-per-A2", "10"],
            ["fft", _dir["in.mrc"], "-o", _dir["ps.png"], "--mrc", _dir["in.mrc"]],
            ["fft", _dir["in.mrc"], "-o", _dir["ps.txt"]],
            ["noise", "simulate", "-o", _dir["vac.txt"], "--size-px", "16", "--frames", "1"],
            ["simulate", "cluster", "--shape", "octahedron", "-o", _dir["c.txt"]],
            ["mtf", "fit", _dir["in.mrc"], "-o", _dir["in.mrc"]],
            ["demo", "--quick", "-o", _dir["in.mrc"]],
            ["simulate", "particle", "-o", _dir["in.mrc"]],
            ["simulate", "dataset", "--count", "1", "-o", _dir["in.mrc"]],
        })
        {
            var (code, _, stderr) = CliRunner.Run(args);
            Assert.True(code == 2, $"{string.Join(' ', args)}: exit {code}, {stderr}");
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        Assert.Equal(before, File.ReadAllBytes(_dir["in.mrc"]));
        Assert.Equal(new[] { "in.mrc" }, Directory.GetFiles(_dir.Root).Select(f => Path.GetFileName(f)).ToArray());
    }

    [SkippableFact]
    public void InfoShowsDmCalibrationInTheFilesUnits()
    {
        // HyperSpy: scale 0.248538 nm, offset 51.447 nm (x) and 42.5 nm (y); the DM origin is in pixels.
        var (code, stdout, _) = CliRunner.Run("info", CliRunner.Fixtures("dm", "2D_test_STEM_image.dm3"));
        Assert.Equal(0, code);
        string flat = string.Join(" ", stdout.Split(['│', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.True(flat.Contains("2.48538 x 2.48538 Å"), stdout);
        Assert.Contains("scale 0.248538 nm per px, offset 51.44737 nm at pixel 0 (origin -207 px)", flat);
        Assert.Contains("offset 42.5 nm at pixel 0 (origin -171 px)", flat);

        (code, stdout, _) = CliRunner.Run("info", "--json", CliRunner.Fixtures("dm", "2D_test_diffraction_pattern.dm3"));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout.Trim());
        var x = doc.RootElement.GetProperty("axes").EnumerateArray().First(a => a.GetProperty("name").GetString() == "x");
        Assert.Equal("1/nm", x.GetProperty("units").GetString());
        Assert.Equal(0.17443285882472992, double.Parse(x.GetProperty("scale").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal(137.10422703623772, double.Parse(x.GetProperty("offset").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 6);
    }

    [SkippableFact]
    public void InfoOfAnAllNaNImageSaysNoFiniteValue()
    {
        var image = new Image2D(4, 4);
        image.Pixels.Fill(float.NaN);
        MrcFile.Write(_dir["nan.mrc"], image, new MrcWriteOptions());
        var (code, stdout, stderr) = CliRunner.Run("info", _dir["nan.mrc"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("none (no finite value)", stdout);
        Assert.DoesNotContain("Infinity", stdout);
    }

    [SkippableFact]
    public void ConvertToMode6RefusesFractionsWithAHintAndRoundsOnRequest()
    {
        var image = new Image2D(4, 1);
        image.Pixels[0] = 2.4f; image.Pixels[1] = 2.6f; image.Pixels[2] = 7; image.Pixels[3] = 65535;
        MrcFile.Write(_dir["counts.mrc"], image);
        var (code, _, stderr) = CliRunner.Run("convert", _dir["counts.mrc"], _dir["u16.mrc"], "--mode", "6");
        Assert.Equal(2, code);
        Assert.Equal("temkit: --mode 6: counts.mrc: value 2.4000001 at index 0 is not a whole number (mode 6 stores integers; --round rounds); nothing was written", stderr.Trim());
        Assert.False(File.Exists(_dir["u16.mrc"]));
        Assert.Equal(0, CliRunner.Run("convert", _dir["counts.mrc"], _dir["u16.mrc"], "--mode", "6", "--round").ExitCode);
        Assert.Equal([2f, 3f, 7f, 65535f], MrcFile.Read(_dir["u16.mrc"]).Data.ToArray());
    }

    [SkippableFact]
    public void ComplexInputIsReadAsModulusWithAWarning()
    {
        // One frame of z = 3 + 4i everywhere: the modulus is 5.
        var values = Enumerable.Repeat(new TemKit.Fourier.ComplexF(3, 4), 8 * 4).ToArray();
        MrcFile.WriteComplex(_dir["wave.mrc"], values, 8, 4, 1, VoxelSize.Isotropic(1));
        var (code, _, stderr) = CliRunner.Run("convert", _dir["wave.mrc"], _dir["modulus.mrc"]);
        Assert.Equal(0, code);
        Assert.Contains("wave.mrc: complex (complex64) data are read as the modulus |z| (the phase is dropped)", stderr);
        Assert.All(MrcFile.Read(_dir["modulus.mrc"]).Data.ToArray(), v => Assert.Equal(5f, v, 5));
        (code, _, stderr) = CliRunner.Run("convert", _dir["modulus.mrc"], _dir["again.mrc"]);
        Assert.Equal(0, code);
        Assert.Empty(stderr);
    }

    [SkippableFact]
    public void FftOfANonSquareImageUsesTheCentredSquareSoOneSpacingGivesOneRadius()
    {
        // 4 Å fringes along x and along y on 300 x 200 px at 0.5 Å/px. On the 200 px square both spots sit at
        // q·n·s = 0.25 · 200 · 0.5 = 25 px from the centre; the whole 300 x 200 grid would put the x spot at 37.5 px.
        var image = new Image2D(300, 200, VoxelSize.Isotropic(0.5));
        for (int y = 0; y < 200; y++)
            for (int x = 0; x < 300; x++)
                image[x, y] = (float)(Math.Cos(2 * Math.PI * x * 0.5 / 4) + Math.Cos(2 * Math.PI * y * 0.5 / 4));
        MrcFile.Write(_dir["wide.mrc"], image);
        var (code, stdout, stderr) = CliRunner.Run("fft", _dir["wide.mrc"], "-o", _dir["ps.png"], "--mrc", _dir["ps.mrc"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("the centred 200 px square of the 300 x 200 image", stdout);
        var power = MrcFile.Read(_dir["ps.mrc"]).FrameImage(0);
        Assert.Equal((200, 200), (power.Width, power.Height));
        var peaks = Enumerable.Range(0, 200 * 200).OrderByDescending(i => power.Pixels[i]).Take(4)
            .Select(i => (X: i % 200 - 100, Y: i / 200 - 100)).OrderBy(p => p).ToArray();
        Assert.Equal([(-25, 0), (0, -25), (0, 25), (25, 0)], peaks);

        (code, stdout, _) = CliRunner.Run("fft", _dir["wide.mrc"], "-o", _dir["ps.png"], "--mrc", _dir["full.mrc"], "--full");
        Assert.Equal(0, code);
        Assert.Equal(300, MrcFile.Read(_dir["full.mrc"]).Nx);
    }

    [SkippableFact]
    public void ConvertingADiffractionPatternSaysItsReciprocalCalibrationIsNotKept()
    {
        var (code, stdout, stderr) = CliRunner.Run("convert", CliRunner.Fixtures("dm", "2D_test_diffraction_pattern.dm3"), _dir["dp.mrc"]);
        Assert.Equal(0, code);
        Assert.Contains("voxel (0, 0, 0) Å", stdout);
        Assert.Contains("the calibration is in 1/nm, which an MRC pixel size (Å) cannot hold", stderr);
        (code, _, stderr) = CliRunner.Run("convert", CliRunner.Fixtures("dm", "2D_test_STEM_image.dm3"), _dir["stem.mrc"]);
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.Equal(2.48538, MrcFile.Read(_dir["stem.mrc"]).VoxelSize.XAngstrom, 4);
    }

    [SkippableFact]
    public void AnUncalibratedDmAxisHasOffsetZeroNotMinusZero()
    {
        var (code, stdout, _) = CliRunner.Run("info", "--json", CliRunner.Fixtures("dm", "3D_test-1.dm4"));
        Assert.Equal(0, code);
        Assert.Contains("\"offset\":\"0\"", stdout);
        Assert.DoesNotContain("-0\"", stdout);
    }
}
