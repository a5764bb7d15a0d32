using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TemKit.Imaging;
using TemKit.IO;
using TemKit.IO.Tiff;

namespace TemKit.Tests.IO.Tiff;

/// <summary>TIFF written by TemKit reads back, in TemKit and in tifffile (Debian's python3-tifffile, the reader HyperSpy uses).</summary>
public sealed class TiffWriteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("temkit-tiff-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A 5 x 4 x 3 stack of distinct values (fractions, negatives) with 2.5 Å pixels.</summary>
    private static ImageStack Stack()
    {
        var stack = new ImageStack(5, 4, 3, StackKind.ImageStack, new VoxelSize(2.5, 2.5, 0));
        for (int i = 0; i < stack.Data.Length; i++) stack.Data[i] = i * 1.25f - 7;
        return stack;
    }

    [Fact]
    public void Float32StackReadsBackWithItsPixelSize()
    {
        string path = Path.Combine(_dir, "s.tif");
        TiffFile.Write(path, Stack());
        var back = ImageFile.Read(path);
        Assert.Equal((5, 4, 3), (back.Nx, back.Ny, back.Nz));
        Assert.Equal(Stack().Data.ToArray(), back.Data.ToArray());
        Assert.Equal("float32", back.Metadata.DataType);
        Assert.Equal(2.5, back.VoxelSize.XAngstrom, 1e-6);
        Assert.Equal(2.5, back.VoxelSize.YAngstrom, 1e-6);
    }

    [Fact]
    public void UInt16RefusesFractionsUnlessRounded()
    {
        string path = Path.Combine(_dir, "u.tif");
        var stack = Stack();
        for (int i = 0; i < stack.Data.Length; i++) stack.Data[i] = i + 0.25f;
        var e = Assert.Throws<ArgumentException>(() => TiffFile.Write(path, stack, new TiffWriteOptions { SampleType = TiffSampleType.UInt16 }));
        Assert.Contains("is not a whole number", e.Message);
        Assert.False(File.Exists(path));
        TiffFile.Write(path, stack, new TiffWriteOptions { SampleType = TiffSampleType.UInt16, RoundToIntegers = true });
        var back = ImageFile.Read(path);
        Assert.Equal("uint16", back.Metadata.DataType);
        Assert.Equal(Enumerable.Range(0, stack.Data.Length).Select(i => (float)i), back.Data.ToArray());
    }

    [SkippableFact]
    public void TifffileReadsTheSamePixelsAndPixelSize()
    {
        const string python = "/usr/bin/python3";
        bool available = File.Exists(python) && Run(python, "-c \"import tifffile\"").Code == 0;
        if (!available)
        {
            const string why = "/usr/bin/python3 with python3-tifffile not installed (apt-get install python3-tifffile)";
            if (SharedData.Required) throw new Xunit.Sdk.XunitException(why + ", and TEMKIT_REQUIRE_FIXTURES=1");
            Skip.If(true, why);
        }
        string path = Path.Combine(_dir, "py.tif");
        TiffFile.Write(path, Stack());
        string script = Path.Combine(_dir, "read.py");
        File.WriteAllText(script, """
            import json, sys, tifffile
            with tifffile.TiffFile(sys.argv[1]) as t:
                data = t.asarray()
                num, den = t.pages[0].tags['XResolution'].value
                print(json.dumps({'imagej': t.is_imagej, 'unit': t.imagej_metadata.get('unit'), 'images': t.imagej_metadata.get('images'),
                                  'shape': list(data.shape), 'dtype': str(data.dtype), 'values': [float(v) for v in data.ravel()],
                                  'pixel': den / num}))
            """);
        var (code, output) = Run(python, $"\"{script}\" \"{path}\"");
        Assert.True(code == 0, output);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.True(r.GetProperty("imagej").GetBoolean());
        Assert.Equal("nm", r.GetProperty("unit").GetString());
        Assert.Equal(3, r.GetProperty("images").GetInt32());
        Assert.Equal([3, 4, 5], r.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("float32", r.GetProperty("dtype").GetString());
        Assert.Equal(Stack().Data.ToArray().Select(v => (double)v), r.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(0.25, r.GetProperty("pixel").GetDouble(), 1e-7); // nm
    }

    private static (int Code, string Output) Run(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Trim());
    }
}
