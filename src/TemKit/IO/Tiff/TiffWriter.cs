using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using TemKit.Imaging;

namespace TemKit.IO.Tiff;

/// <summary>
/// Writes an image stack as a little-endian, uncompressed, multi-page greyscale TIFF in ImageJ's layout: the header,
/// the ImageJ description ("ImageJ=", "images=N", "slices=N", "unit=nm", "spacing=", "loop=false"), the pixels of every
/// page one after the other (ImageJ and tifffile read an ImageJ stack as one contiguous block from the first page's
/// offset, which LibTiff's page-by-page writing does not give), then one image directory per page. XResolution and
/// YResolution are pixels per nm, so Fiji/ImageJ, tifffile and HyperSpy read the pixel size. Written atomically.
/// </summary>
internal static class TiffWriter
{
    private const ushort Short = 3, Long = 4, Rational = 5, Ascii = 2;

    public static void Write(string path, ImageStack stack, TiffWriteOptions options)
    {
        bool uint16 = options.SampleType == TiffSampleType.UInt16;
        if (uint16) CheckUInt16(stack.Data, options.RoundToIntegers);
        int bytesPerSample = uint16 ? 2 : 4;
        long pageBytes = (long)stack.FrameLength * bytesPerSample;
        byte[] description = Encoding.ASCII.GetBytes(Description(stack) + "\0");
        byte[] software = "TemKit\0"u8.ToArray();
        long dataStart = 8 + description.Length + software.Length;
        dataStart += dataStart % 2;
        long ifdStart = dataStart + pageBytes * stack.Nz;
        const int entries = 16, ifdBytes = 2 + entries * 12 + 4 + 16; // 16 bytes: the two resolution rationals
        if (ifdStart + (long)ifdBytes * stack.Nz > uint.MaxValue)
            throw new ArgumentException($"a {stack.Nx} x {stack.Ny} x {stack.Nz} stack exceeds the 4 GB of a classic TIFF");

        AtomicFile.Write(path, stream =>
        {
            Span<byte> head = stackalloc byte[8];
            "II"u8.CopyTo(head);
            BinaryPrimitives.WriteUInt16LittleEndian(head[2..], 42);
            BinaryPrimitives.WriteUInt32LittleEndian(head[4..], (uint)ifdStart);
            stream.Write(head);
            stream.Write(description);
            stream.Write(software);
            if ((8 + description.Length + software.Length) % 2 != 0) stream.WriteByte(0);

            byte[] page = new byte[pageBytes];
            for (int z = 0; z < stack.Nz; z++)
            {
                var frame = stack.Frame(z);
                if (uint16)
                {
                    var dst = MemoryMarshal.Cast<byte, ushort>(page.AsSpan());
                    for (int i = 0; i < frame.Length; i++) dst[i] = (ushort)MathF.Round(frame[i]);
                }
                else MemoryMarshal.AsBytes(frame).CopyTo(page);
                stream.Write(page);
            }

            double xRes = stack.VoxelSize.IsKnown ? 10.0 / stack.VoxelSize.XAngstrom : 1;
            double yRes = stack.VoxelSize.IsKnown ? 10.0 / (stack.VoxelSize.YAngstrom > 0 ? stack.VoxelSize.YAngstrom : stack.VoxelSize.XAngstrom) : 1;
            byte[] ifd = new byte[ifdBytes];
            for (int z = 0; z < stack.Nz; z++)
            {
                long at = ifdStart + (long)z * ifdBytes;
                long rationals = at + 2 + entries * 12 + 4;
                var w = new IfdWriter(ifd);
                BinaryPrimitives.WriteUInt16LittleEndian(ifd, entries);
                w.Entry(254, Long, 1, 0);                                   // NewSubfileType
                w.Entry(256, Long, 1, (uint)stack.Nx);                      // ImageWidth
                w.Entry(257, Long, 1, (uint)stack.Ny);                      // ImageLength
                w.Entry(258, Short, 1, (uint)(8 * bytesPerSample));         // BitsPerSample
                w.Entry(259, Short, 1, 1);                                  // Compression: none
                w.Entry(262, Short, 1, 1);                                  // Photometric: min-is-black
                w.Entry(270, Ascii, (uint)description.Length, 8);           // ImageDescription (every page, as ImageJ's first)
                w.Entry(273, Long, 1, (uint)(dataStart + z * pageBytes));   // StripOffsets
                w.Entry(277, Short, 1, 1);                                  // SamplesPerPixel
                w.Entry(278, Long, 1, (uint)stack.Ny);                      // RowsPerStrip
                w.Entry(279, Long, 1, (uint)pageBytes);                     // StripByteCounts
                w.Entry(282, Rational, 1, (uint)rationals);                 // XResolution (px per nm)
                w.Entry(283, Rational, 1, (uint)(rationals + 8));           // YResolution
                w.Entry(296, Short, 1, 1);                                  // ResolutionUnit: none (ImageJ: unit= in the description)
                w.Entry(305, Ascii, (uint)software.Length, (uint)(8 + description.Length)); // Software
                w.Entry(339, Short, 1, uint16 ? 1u : 3u);                   // SampleFormat: uint or IEEE float
                BinaryPrimitives.WriteUInt32LittleEndian(ifd.AsSpan(2 + entries * 12), z + 1 < stack.Nz ? (uint)(at + ifdBytes) : 0);
                WriteRational(ifd.AsSpan(ifdBytes - 16), xRes);
                WriteRational(ifd.AsSpan(ifdBytes - 8), yRes);
                stream.Write(ifd);
            }
        });
    }

    /// <summary>Fills 12-byte directory entries in order (tags must ascend); values of up to 4 bytes sit in the entry.</summary>
    private ref struct IfdWriter(Span<byte> ifd)
    {
        private readonly Span<byte> _ifd = ifd;
        private int _next = 2;

        public void Entry(ushort tag, ushort type, uint count, uint value)
        {
            var e = _ifd.Slice(_next, 12);
            BinaryPrimitives.WriteUInt16LittleEndian(e, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(e[2..], type);
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], count);
            if (type == Short && count == 1) BinaryPrimitives.WriteUInt16LittleEndian(e[8..], (ushort)value);
            else BinaryPrimitives.WriteUInt32LittleEndian(e[8..], value);
            _next += 12;
        }
    }

    /// <summary>A positive value as numerator/denominator with the largest denominator that keeps the numerator in 32 bits.</summary>
    private static void WriteRational(Span<byte> at, double value)
    {
        double den = Math.Min(1e9, uint.MaxValue / Math.Max(1, value));
        uint d = (uint)Math.Max(1, Math.Floor(den));
        uint n = (uint)Math.Clamp(Math.Round(value * d), 1, uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(at, n);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], d);
    }

    /// <summary>The ImageJ description: pixel size in nm (ImageJ's scale bar unit), the z step for volumes.</summary>
    private static string Description(ImageStack stack)
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder("ImageJ=1.11a\n");
        text.Append(ci, $"images={stack.Nz}\n");
        if (stack.Nz > 1) text.Append(ci, $"slices={stack.Nz}\n");
        if (stack.VoxelSize.IsKnown)
        {
            text.Append("unit=nm\n");
            if (stack.Nz > 1 && stack.VoxelSize.ZAngstrom > 0) text.Append(ci, $"spacing={(stack.VoxelSize.ZAngstrom / 10).ToString("R", ci)}\n");
        }
        text.Append("loop=false\n");
        return text.ToString();
    }

    private static void CheckUInt16(ReadOnlySpan<float> data, bool round)
    {
        for (int i = 0; i < data.Length; i++)
        {
            float v = data[i];
            float r = MathF.Round(v);
            if (!(r >= 0 && r <= ushort.MaxValue))
                throw new ArgumentException($"value {v} at index {i} does not fit 16-bit unsigned samples (0..65535)");
            if (!round && r != v)
                throw new ArgumentException($"value {v} at index {i} is not a whole number; TiffWriteOptions.RoundToIntegers rounds");
        }
    }
}
