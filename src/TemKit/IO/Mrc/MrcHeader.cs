using System.Collections.Immutable;
using TemKit.Imaging;

namespace TemKit.IO.Mrc;

/// <summary>
/// Every field of an MRC2014 main header (1024 bytes), as read from a file, plus values derived
/// from them. Field names follow the MRC2014 paper (Cheng et al. 2015, J. Struct. Biol. 192:146).
/// </summary>
public sealed record MrcHeader
{
    /// <summary>Columns (x, fastest axis).</summary>
    public int Nx { get; init; }
    /// <summary>Rows (y).</summary>
    public int Ny { get; init; }
    /// <summary>Sections (z, slowest axis); frames in a stack, total sections in a volume stack.</summary>
    public int Nz { get; init; }
    /// <summary>Raw mode word (see <see cref="MrcMode"/>).</summary>
    public int Mode { get; init; }
    /// <summary>Start column, row and section of the data within the unit cell (pixels).</summary>
    public (int X, int Y, int Z) Start { get; init; }
    /// <summary>Sampling intervals of the unit cell (mx, my, mz); mz is the sections per volume in a volume stack.</summary>
    public (int X, int Y, int Z) Sampling { get; init; }
    /// <summary>Cell lengths in Å (cella).</summary>
    public (float X, float Y, float Z) CellLengthsAngstrom { get; init; }
    /// <summary>Cell angles alpha, beta, gamma in degrees (cellb).</summary>
    public (float Alpha, float Beta, float Gamma) CellAnglesDegrees { get; init; }
    /// <summary>Axes along columns, rows and sections (mapc, mapr, maps; 1=x, 2=y, 3=z).</summary>
    public (int Column, int Row, int Section) AxisMap { get; init; }
    /// <summary>Minimum density recorded in the header.</summary>
    public float DMin { get; init; }
    /// <summary>Maximum density recorded in the header.</summary>
    public float DMax { get; init; }
    /// <summary>Mean density recorded in the header.</summary>
    public float DMean { get; init; }
    /// <summary>Space group: 0 image stack, 1-230 volume, 401-630 volume stack.</summary>
    public int Ispg { get; init; }
    /// <summary>Bytes of extended header between the main header and the data.</summary>
    public int Nsymbt { get; init; }
    /// <summary>The 8 bytes of extra1 (raw).</summary>
    public ImmutableArray<byte> Extra1 { get; init; } = [];
    /// <summary>Extended header type code (exttyp), e.g. "FEI1"; empty when blank.</summary>
    public string ExtType { get; init; } = "";
    /// <summary>Format version (20140 or 20141 for MRC2014).</summary>
    public int NVersion { get; init; }
    /// <summary>The 40 bytes of extra2 before IMOD's stamp (raw).</summary>
    public ImmutableArray<byte> Extra2 { get; init; } = [];
    /// <summary>IMOD stamp (1146047817 when <see cref="ImodFlags"/> is meaningful).</summary>
    public int ImodStamp { get; init; }
    /// <summary>IMOD flags (bit 1: bytes signed; 4: origin sign inverted; 16: 4-bit pairs).</summary>
    public int ImodFlags { get; init; }
    /// <summary>The 36 bytes after IMOD's flags (raw).</summary>
    public ImmutableArray<byte> Extra3 { get; init; } = [];
    /// <summary>Origin in Å (x, y, z).</summary>
    public (float X, float Y, float Z) OriginAngstrom { get; init; }
    /// <summary>File type identifier, "MAP " in a conforming file.</summary>
    public string Map { get; init; } = "";
    /// <summary>Machine stamp bytes as stored.</summary>
    public ImmutableArray<byte> MachineStamp { get; init; } = [];
    /// <summary>RMS deviation of the densities from the mean recorded in the header (negative: not computed).</summary>
    public float Rms { get; init; }
    /// <summary>Number of labels in use (nlabl).</summary>
    public int NLabl { get; init; }
    /// <summary>The ten 80-character labels, trailing blanks and NULs removed.</summary>
    public ImmutableArray<string> Labels { get; init; } = [];

    /// <summary>Byte order the data was read in (decided from the machine stamp, or from the header when the stamp is wrong).</summary>
    public bool IsBigEndian { get; init; }

    /// <summary>The mode as an enum (only valid when <see cref="MrcModes.IsSupported"/> holds for <see cref="Mode"/>).</summary>
    public MrcMode DataMode => (MrcMode)Mode;

    /// <summary>True when mode-0 bytes are unsigned: IMOD's stamp is present without its signed-bytes flag.</summary>
    public bool HasUnsignedBytes =>
        Mode == 0 && ImodStamp == MrcHeaderLayout.ImodStampValue && (ImodFlags & MrcHeaderLayout.ImodFlagSignedBytes) == 0;

    /// <summary>NumPy-style element type name ("int8", "uint8", "float32", "complex64", ...).</summary>
    public string DataType => MrcModes.IsSupported(Mode) ? MrcModes.DataTypeName(DataMode, HasUnsignedBytes) : $"mode{Mode}";

    /// <summary>Byte offset of the data block (1024 + nsymbt).</summary>
    public long DataOffset => MrcHeaderLayout.HeaderBytes + (long)Nsymbt;

    /// <summary>Bytes of one 2D section.</summary>
    public long FrameBytes => MrcModes.RowBytes(DataMode, Nx) * Ny;

    /// <summary>True for a volume stack (ispg 401-630).</summary>
    public bool IsVolumeStack => Ispg is >= 401 and <= 630;

    /// <summary>Sections per volume: mz for a volume stack, nz otherwise.</summary>
    public int SectionsPerVolume => IsVolumeStack && Sampling.Z > 0 && Nz % Sampling.Z == 0 ? Sampling.Z : Nz;

    /// <summary>Number of volumes (nz / mz) in a volume stack; 1 otherwise.</summary>
    public int VolumeCount => Nz / SectionsPerVolume;

    /// <summary>What the sections are: one image, an image stack (ispg 0), a volume, or a volume stack.</summary>
    public StackKind Kind => Nz == 1 && !IsVolumeStack ? StackKind.Image
        : IsVolumeStack ? StackKind.VolumeStack
        : Ispg == 0 ? StackKind.ImageStack
        : StackKind.Volume;

    /// <summary>
    /// Voxel size in Å: cella / (mx, my, mz). A zero or negative sampling gives 0 (unknown). In an image
    /// stack whose mz is 1 while nz &gt; 1 (mrcfile's convention) the cell spans all sections, so z is cella.z / nz.
    /// </summary>
    public VoxelSize VoxelSize
    {
        get
        {
            static double Size(float cell, int m) => m > 0 && float.IsFinite(cell) && cell > 0 ? (double)cell / m : 0;
            int mz = Kind == StackKind.ImageStack && Sampling.Z == 1 && Nz > 1 ? Nz : Sampling.Z;
            return new VoxelSize(Size(CellLengthsAngstrom.X, Sampling.X), Size(CellLengthsAngstrom.Y, Sampling.Y), Size(CellLengthsAngstrom.Z, mz));
        }
    }

    /// <summary>True when dmin/dmax/dmean were computed (MRC2014: dmax &lt; dmin or dmean outside them means unknown; all zero is unset).</summary>
    public bool HasStatistics =>
        DMax >= DMin && DMean >= DMin && DMean <= DMax && !(DMin == 0 && DMax == 0 && DMean == 0);
}
