using System.Text.Json;
using TemKit.Imaging;
using TemKit.IO;

namespace TemKit.Tests.IO.Formats;

/// <summary>
/// Every valid file of ../shared/data/formats reads with the manifest's shape, dtype, pixel size (Å) and pixel statistics
/// for each image signal. Deliberate differences from HyperSpy 1.7.3, each documented in docs/formats.md:
/// Velox images keep their stored dtype (HyperSpy gives float64); a TIA .ser read beside its .emi takes the .emi's
/// reciprocal calibration (HyperSpy's .ser-only reading gives a nonsense length); a negative MRC cell is an unknown pixel
/// size (0), not a negative one; an odd-width packed DM FFT gets its full width (HyperSpy drops the last column).
/// </summary>
public class FormatsManifestTests
{
    public static TheoryData<string> Valid() => FormatsManifest.Files(valid: true);

    private sealed record Stats(double Min, double Max, double Mean, double First, double Last, long Count);

    [SkippableTheory]
    [MemberData(nameof(Valid))]
    public void EveryImageSignalMatchesTheManifest(string file)
    {
        var entry = FormatsManifest.Entry(file);
        string path = Path.Combine(FormatsManifest.Root, file);
        var expected = entry.GetProperty("signals").EnumerateArray().ToList();
        var signals = ImageFile.ListSignals(path);

        // Spectra (HyperSpy's Signal1D) are listed as such, not as images.
        int spectra = expected.Count(s => s.TryGetProperty("class", out var c) && c.GetString() == "Signal1D");
        Assert.True(signals.Count(s => s.Kind == SignalKind.Spectrum && s.Shape.Count == 1) >= spectra, $"{file}: fewer spectra than the manifest's {spectra}");
        var images = expected.Where(s => !(s.TryGetProperty("class", out var c) && c.GetString() == "Signal1D")).ToList();
        var ours = signals.Where(s => s.IsImage).ToList();
        Assert.Equal(images.Count, ours.Count);

        // Multi-signal files list signals in their own order; each expected signal is matched to the one with its shape and mean.
        var unused = ours.ToList();
        foreach (var want in images)
        {
            var shape = want.GetProperty("shape_nx_ny_nz").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var match = unused.Select(s => (Signal: s, Read: Read(path, s.Index, file))).FirstOrDefault(t =>
                Shape(t.Read.Source) == (PackedWidth(file, shape[0]), shape[1], shape[2]) && Close(Mean(want), t.Read.Stats.Mean));
            Assert.True(match.Signal is not null, $"{file}: no signal of shape {string.Join("x", shape)} and mean {Mean(want)}");
            unused.Remove(match.Signal);
            Check(file, entry, want, match.Read.Source, match.Read.Stats);
            match.Read.Source.Dispose();
        }
    }

    /// <summary>HyperSpy unpacks a packed FFT of odd width W to W-1 columns; TemKit gives W.</summary>
    private static int PackedWidth(string file, int nx) => file.EndsWith("packed_complex8.dm4", StringComparison.Ordinal) ? nx + 1 : nx;

    private static (int, int, int) Shape(IFrameSource s) => (s.Width, s.Height, s.FrameCount);

    private static double Mean(JsonElement want)
    {
        var stats = want.GetProperty("stats");
        return stats.TryGetProperty("real", out var re) ? re.GetProperty("mean").GetDouble() : stats.GetProperty("mean").GetDouble();
    }

    private static bool Close(double expected, double actual) => Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected));

    private static (IFrameSource Source, Stats Stats) Read(string path, int signal, string file)
    {
        var source = ImageFile.Open(path, new ReadOptions(Signal: signal));
        return (source, StatsOf(source, part: 0, columns: Columns(file, source)));
    }

    /// <summary>Columns compared: all, except the last column of an odd-width packed DM FFT, which HyperSpy does not give.</summary>
    private static int Columns(string file, IFrameSource source) =>
        file.EndsWith("packed_complex8.dm4", StringComparison.Ordinal) ? source.Width - 1 : source.Width;

    /// <summary>Min, max, mean, first, last over every frame in C order, in float64; part 0 = value (real part for complex
    /// data), 1 = imaginary part; only the first <paramref name="columns"/> columns of each row.</summary>
    private static Stats StatsOf(IFrameSource source, int part, int columns)
    {
        int n = source.Width * source.Height;
        bool complex = source is IComplexFrameSource { IsComplex: true };
        float[] frame = new float[complex ? 2 * n : n];
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, first = double.NaN, last = 0;
        long count = 0;
        for (int z = 0; z < source.FrameCount; z++)
        {
            if (complex) ((IComplexFrameSource)source).ReadComplexFrame(z, frame);
            else source.ReadFrame(z, frame);
            for (int i = 0; i < n; i++)
            {
                if (i % source.Width >= columns) continue;
                double v = complex ? frame[2 * i + part] : frame[i];
                if (count == 0) first = v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
                last = v;
                count++;
            }
        }
        return new Stats(min, max, sum / count, first, last, count);
    }

    private static void Check(string file, JsonElement entry, JsonElement want, IFrameSource source, Stats stats)
    {
        // dtype: HyperSpy converts Velox images to float64; the stored HDF5 type is in the h5py cross-check.
        string dtype = want.GetProperty("dtype").GetString()!;
        if (source.Metadata.Format == "Velox EMD" && dtype == "float64")
            dtype = entry.GetProperty("crosscheck").GetProperty("datasets").EnumerateArray()
                .First(d => d.GetProperty("sum").GetDouble() is var s && Close(s, stats.Mean * stats.Count)).GetProperty("stored_dtype").GetString()!;
        Assert.Equal(dtype, source.Metadata.DataType);

        CheckPixelSize(file, want, source);

        var s = want.GetProperty("stats");
        if (s.TryGetProperty("real", out var real))
        {
            // Complex: real and imaginary parts separately (the packed DM FFT compared on HyperSpy's columns).
            int columns = Columns(file, source);
            Compare(file + " (real)", real, StatsOf(source, 0, columns));
            Compare(file + " (imag)", s.GetProperty("imag"), StatsOf(source, 1, columns));
            return;
        }
        Compare(file, s, stats);
    }

    private static void Compare(string what, JsonElement s, Stats actual)
    {
        void Eq(string name, double a)
        {
            double e = s.GetProperty(name).GetDouble();
            Assert.True(Math.Abs(e - a) <= 1e-6 * Math.Max(1, Math.Abs(e)), $"{what}: {name} {a}, manifest {e}");
        }
        Eq("min", actual.Min); Eq("max", actual.Max); Eq("mean", actual.Mean); Eq("first", actual.First); Eq("last", actual.Last);
    }

    /// <summary>Pixel size in Å (lengths), or the reciprocal calibration in 1/Å kept in the axis fields (diffraction, FFTs).</summary>
    private static void CheckPixelSize(string file, JsonElement want, IFrameSource source)
    {
        var ps = want.GetProperty("pixel_size");
        // A .ser read alone: HyperSpy labels the 1/m calibration as metres; TemKit reads the .emi beside it (the manifest's .emi entry).
        if (file == "tia/64x64_diffraction_acquire_1.ser")
            ps = FormatsManifest.Entry("tia/64x64_diffraction_acquire.emi").GetProperty("signals")[0].GetProperty("pixel_size");
        double? x = FormatsManifest.Number(ps, "x_A"), y = FormatsManifest.Number(ps, "y_A");
        string units = ps.TryGetProperty("A_units", out var u) ? u.GetString() ?? "" : "";
        if (x is null || units != "Å" || x <= 0)
        {
            // Unknown, reciprocal or negative: no real-space pixel size.
            Assert.Equal(0, source.VoxelSize.XAngstrom);
            if (x is { } rx && units.StartsWith("1/", StringComparison.Ordinal))
            {
                var f = source.Metadata.Fields;
                double scale = double.Parse(f["axis.x.scale"], System.Globalization.CultureInfo.InvariantCulture);
                double perAngstrom = scale * ReciprocalAngstromPer(f["axis.x.units"]);
                Assert.True(Math.Abs(perAngstrom - rx) <= 1e-6 * rx, $"{file}: reciprocal x {perAngstrom} 1/Å, manifest {rx}");
            }
            return;
        }
        // 1e-5: Zeiss gives the pixel size with four digits; ImageJ resolutions are float32 rationals in LibTiff.
        Assert.True(Math.Abs(source.VoxelSize.XAngstrom - x.Value) <= 1e-5 * x.Value, $"{file}: x {source.VoxelSize.XAngstrom} Å, manifest {x}");
        Assert.True(Math.Abs(source.VoxelSize.YAngstrom - y!.Value) <= 1e-5 * y.Value, $"{file}: y {source.VoxelSize.YAngstrom} Å, manifest {y}");
    }

    /// <summary>1/Å per unit, a table kept in the test (independent of the readers' own).</summary>
    private static double ReciprocalAngstromPer(string units) => units.Replace(" ", "") switch
    {
        "1/m" => 1e-10, "1/nm" => 0.1, "1/µm" => 1e-4, "1/Å" => 1,
        _ => throw new Xunit.Sdk.XunitException($"unexpected reciprocal units {units}"),
    };
}
