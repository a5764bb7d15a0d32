namespace TemKit.IO.Png;

/// <summary>Reverses PNG's per-row filters in place (PNG specification, section 9.2).</summary>
internal static class PngFilters
{
    /// <summary>
    /// <paramref name="data"/> holds <paramref name="height"/> rows of one filter byte followed by
    /// <paramref name="rowBytes"/> filtered bytes; afterwards the rows hold the raw bytes.
    /// </summary>
    public static void Unfilter(byte[] data, int height, int rowBytes, int bpp, string name)
    {
        int stride = rowBytes + 1;
        var zeros = new byte[rowBytes];
        for (int y = 0; y < height; y++)
        {
            int filter = data[y * stride];
            Span<byte> row = data.AsSpan(y * stride + 1, rowBytes);
            ReadOnlySpan<byte> up = y == 0 ? zeros : data.AsSpan((y - 1) * stride + 1, rowBytes);
            switch (filter)
            {
                case 0:
                    break;
                case 1:
                    for (int i = bpp; i < rowBytes; i++) row[i] += row[i - bpp];
                    break;
                case 2:
                    for (int i = 0; i < rowBytes; i++) row[i] += up[i];
                    break;
                case 3:
                    for (int i = 0; i < rowBytes; i++) row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + up[i]) >> 1);
                    break;
                case 4:
                    for (int i = 0; i < rowBytes; i++)
                        row[i] += (byte)PngEncoder.Paeth(i >= bpp ? row[i - bpp] : 0, up[i], i >= bpp ? up[i - bpp] : 0);
                    break;
                default:
                    throw new TemKitFormatException(name, $"row {y} has filter type {filter} (0–4 exist)");
            }
        }
    }
}
