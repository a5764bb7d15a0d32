using TemKit.IO;

namespace TemKit.Tests.IO.Formats;

/// <summary>
/// The acquisition time every reader gives equals the date and time HyperSpy 1.7.3 read from the same file (the
/// manifest's General.date and General.time, the acquiring PC's wall-clock time): from DM DataBar tags, Velox metadata,
/// FEI/Zeiss/JEOL TIFF tags and TIA's .emi AcquireDate.
/// </summary>
public class AcquisitionTimeManifestTests
{
    public static TheoryData<string> Dated()
    {
        var data = new TheoryData<string>();
        if (!SharedData.Available) { data.Add(SharedData.Absent); return data; }
        foreach (var e in FormatsManifest.Entries)
            if (e.GetProperty("valid").GetBoolean() && Expected(e.GetProperty("file").GetString()!) is not null)
                data.Add(e.GetProperty("file").GetString()!);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Dated))]
    public void AcquisitionTimeMatchesHyperSpy(string file)
    {
        var expected = Expected(file)!.Value;
        using var source = ImageFile.Open(Path.Combine(FormatsManifest.Root, file));
        var acquired = source.Metadata.Acquired;
        Assert.True(acquired is not null, $"{file}: no acquisition time read; HyperSpy gives {expected:yyyy-MM-dd HH:mm:ss}");
        var local = acquired.Value.DateTime;
        Assert.Equal(expected, new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second));
    }

    /// <summary>The manifest's first signal's General.date + General.time (to the second), or null when it gives no date.</summary>
    private static DateTime? Expected(string file)
    {
        var signal = FormatsManifest.Entry(file).GetProperty("signals")[0];
        if (!signal.TryGetProperty("microscope_metadata", out var meta)) return null;
        if (!meta.TryGetProperty("General.date", out var date) || !meta.TryGetProperty("General.time", out var time)) return null;
        var d = DateTime.ParseExact(date.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var t = TimeSpan.Parse(time.GetString()!.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        return d + t;
    }
}
