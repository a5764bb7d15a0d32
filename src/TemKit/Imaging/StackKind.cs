namespace TemKit.Imaging;

/// <summary>What the third axis of a 3D array means (MRC2014 ispg semantics).</summary>
public enum StackKind
{
    /// <summary>A single 2D image (nz = 1).</summary>
    Image,
    /// <summary>A stack of independent 2D images (MRC ispg 0).</summary>
    ImageStack,
    /// <summary>A 3D volume (MRC ispg 1..230).</summary>
    Volume,
    /// <summary>A stack of volumes (MRC ispg 401..630).</summary>
    VolumeStack,
}
