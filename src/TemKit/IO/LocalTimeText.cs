using System.Globalization;

namespace TemKit.IO;

/// <summary>
/// Acquisition date and time written as text in the acquiring PC's local time (DM DataBar, FEI/Zeiss TIFF tags, the TIFF
/// DateTime tag, TIA's .emi AcquireDate). The zone is not recorded, so the result is the local wall-clock time kept as
/// UTC (offset 0); readers say so in a field (<see cref="UnknownZoneNote"/>).
/// </summary>
internal static class LocalTimeText
{
    /// <summary>The field text readers store when the time is local wall-clock time of unknown zone.</summary>
    public const string UnknownZoneNote = "unknown (local time stored as UTC)";

    private static readonly string[] DateFormats = ["M/d/yyyy", "d/M/yyyy", "d.M.yyyy", "yyyy-MM-dd", "yyyy/M/d", "d-M-yyyy", "d MMM yyyy"];
    private static readonly string[] TimeFormats = ["h:mm:ss tt", "h:mm tt", "H:mm:ss", "H:mm"];

    /// <summary>Whole date-and-time stamps: the TIFF DateTime tag ("2016:06:13 17:06:40"), TIA's C ctime
    /// ("Sun Feb 21 17:50:18 2016"), ISO 8601 without a zone.</summary>
    private static readonly string[] StampFormats = ["yyyy:MM:dd HH:mm:ss", "ddd MMM d HH:mm:ss yyyy", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>A date text and an optional time-of-day text in one of the usual locale formats, or null.</summary>
    public static DateTime? Parse(string? date, string? time)
    {
        if (string.IsNullOrWhiteSpace(date)
            || !DateTime.TryParseExact(date.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return null;
        if (!string.IsNullOrWhiteSpace(time)
            && DateTime.TryParseExact(time.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            d = d.Date + t.TimeOfDay;
        return DateTime.SpecifyKind(d, DateTimeKind.Unspecified);
    }

    /// <summary>A whole date-and-time stamp (see <see cref="StampFormats"/>; runs of spaces count as one), or null.</summary>
    public static DateTime? ParseStamp(string? stamp)
    {
        if (string.IsNullOrWhiteSpace(stamp)) return null;
        string text = string.Join(' ', stamp.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return DateTime.TryParseExact(text, StampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Unspecified)
            : null;
    }

    /// <summary>A local time of unknown zone as the <see cref="DateTimeOffset"/> TemKit reports (offset 0).</summary>
    public static DateTimeOffset? AsReported(DateTime? local) => local is { } l ? new DateTimeOffset(l, TimeSpan.Zero) : null;
}
