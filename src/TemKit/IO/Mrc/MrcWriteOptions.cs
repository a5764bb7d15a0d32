namespace TemKit.IO.Mrc;

/// <summary>How <see cref="MrcFile"/> writes a file.</summary>
/// <param name="Mode">Stored element type: <see cref="MrcMode.Float32"/> (default), <see cref="MrcMode.Float16"/>,
/// <see cref="MrcMode.UInt16"/>, <see cref="MrcMode.Int16"/> or <see cref="MrcMode.Int8"/> (signed).
/// Complex data always go through <see cref="MrcFile.WriteComplex"/> as mode 4.</param>
/// <param name="RoundToIntegers">Integer modes only: when false (default) a value that is not a whole number
/// refuses the write; when true values are rounded to the nearest integer. Values outside the mode's range
/// always refuse the write, so nothing is clipped silently.</param>
/// <param name="BigEndian">Write big-endian data with machine stamp 11 11 00 00 (default little-endian, 44 44 00 00).</param>
/// <param name="SectionsPerVolume">For a <see cref="TemKit.Imaging.StackKind.VolumeStack"/>: sections in each volume (mz); nz must be a multiple.</param>
/// <param name="Labels">Text labels (up to 9 of at most 80 ASCII characters) written after TemKit's own label.</param>
/// <param name="ExtendedHeader">Extended header bytes written between the header and the data (nsymbt = their
/// length), e.g. from <see cref="FeiExtendedHeaderWriter"/>; null = none.</param>
/// <param name="ExtendedHeaderType">The exttyp code of <paramref name="ExtendedHeader"/> (four ASCII characters, e.g. "FEI1").</param>
public sealed record MrcWriteOptions(
    MrcMode Mode = MrcMode.Float32,
    bool RoundToIntegers = false,
    bool BigEndian = false,
    int? SectionsPerVolume = null,
    IReadOnlyList<string>? Labels = null,
    byte[]? ExtendedHeader = null,
    string ExtendedHeaderType = "")
{
    /// <summary>Mode 2, little-endian, no extra labels.</summary>
    public static MrcWriteOptions Default { get; } = new();
}
