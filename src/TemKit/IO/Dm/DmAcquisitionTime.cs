namespace TemKit.IO.Dm;

/// <summary>
/// Acquisition time from the DataBar tags: "Acquisition Time (OS)" is a Windows FILETIME (100 ns
/// ticks since 1601-01-01 UTC, stored as a double); "Acquisition Date"/"Acquisition Time" are the
/// acquiring PC's local date and time as text in its locale.
/// </summary>
internal static class DmAcquisitionTime
{
    // Largest FILETIME DateTime accepts (year 9999).
    private const double MaxFileTime = 2.65e18;

    /// <summary>
    /// The UTC instant from the FILETIME, with the local offset recovered from the text when they
    /// agree within 14 h; else the text alone read as UTC (<paramref name="zoneKnown"/> false); else null.
    /// </summary>
    public static DateTimeOffset? Parse(double? fileTime, string? date, string? time, out bool zoneKnown)
    {
        zoneKnown = true;
        DateTime? local = LocalTimeText.Parse(date, time);
        if (fileTime is > 0 and < MaxFileTime)
        {
            var utc = DateTime.FromFileTimeUtc((long)fileTime.Value);
            if (local is { } l)
            {
                var offset = TimeSpan.FromMinutes(Math.Round((l - utc).TotalMinutes / 15) * 15);
                if (Math.Abs(offset.TotalHours) <= 14)
                    return new DateTimeOffset(DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified), offset);
            }
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }
        if (local is { } onlyLocal)
        {
            zoneKnown = false;
            return new DateTimeOffset(onlyLocal, TimeSpan.Zero);
        }
        return null;
    }
}
