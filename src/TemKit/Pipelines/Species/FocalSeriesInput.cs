using TemKit.IO;

namespace TemKit.Pipelines.Species;

/// <summary>Three frames of one focal series (defocus order as given), normalised later by the job.</summary>
/// <param name="Name">Where it came from, e.g. "series.mrc[3-5]".</param>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Frames">Three frames of Width·Height pixels.</param>
/// <param name="PixelSizeAngstrom">Pixel size from the file header (Å/px; 0 when unknown).</param>
public sealed record FocalTriplet(string Name, int Width, int Height, float[][] Frames, double PixelSizeAngstrom);

/// <summary>
/// Groups input files into focal-series triplets: three single-frame files form one triplet; otherwise every file is a
/// stack whose frames are taken in threes (an in-situ focal series: frames 0-2, 3-5, ...). All frames must share size
/// and pixel size; errors are <see cref="TemKitFormatException"/>s naming the file and the problem.
/// </summary>
public static class FocalSeriesInput
{
    /// <summary>Frames of one triplet.</summary>
    public const int FramesPerTriplet = 3;

    /// <summary>Reads and groups <paramref name="paths"/> (see the type summary).</summary>
    public static List<FocalTriplet> Read(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new ArgumentException("no focal-series input given");
        var stacks = paths.Select(p => (Path: p, Stack: ImageFile.Read(p))).ToList();
        var first = stacks[0];
        foreach (var (path, stack) in stacks)
        {
            if (stack.Nx != first.Stack.Nx || stack.Ny != first.Stack.Ny)
                throw new TemKitFormatException(path, $"frames are {stack.Nx}x{stack.Ny} but {first.Path} has {first.Stack.Nx}x{first.Stack.Ny}: the frames of a focal series must have one size");
            double a = stack.VoxelSize.XAngstrom, b = first.Stack.VoxelSize.XAngstrom;
            if (a > 0 && b > 0 && Math.Abs(a - b) > 0.01 * Math.Max(a, b))
                throw new TemKitFormatException(path, FormattableString.Invariant($"pixel size {a:G4} Å but {first.Path} has {b:G4} Å: the frames of a focal series must have one pixel size"));
        }
        var triplets = new List<FocalTriplet>();
        if (stacks.Count == FramesPerTriplet && stacks.All(s => s.Stack.Nz == 1))
        {
            triplets.Add(new FocalTriplet(string.Join("+", stacks.Select(s => Path.GetFileName(s.Path))), first.Stack.Nx, first.Stack.Ny,
                [.. stacks.Select(s => s.Stack.Data.ToArray())], PixelSize(stacks.Select(s => s.Stack.VoxelSize.XAngstrom))));
            return triplets;
        }
        foreach (var (path, stack) in stacks)
        {
            if (stack.Nz % FramesPerTriplet != 0)
                throw new TemKitFormatException(path, stack.Nz == 1
                    ? "holds 1 frame: give three single-frame files (one per defocus) or a stack of 3, 6, ... frames"
                    : $"holds {stack.Nz} frames, not a multiple of 3: a focal-series stack is grouped in triplets (frames 0-2, 3-5, ...)");
            int plane = stack.Nx * stack.Ny;
            for (int t = 0; t < stack.Nz / FramesPerTriplet; t++)
            {
                var frames = new float[FramesPerTriplet][];
                for (int k = 0; k < FramesPerTriplet; k++) frames[k] = stack.Data.Slice((t * FramesPerTriplet + k) * plane, plane).ToArray();
                string name = stack.Nz == FramesPerTriplet ? Path.GetFileName(path) : $"{Path.GetFileName(path)}[{3 * t}-{3 * t + 2}]";
                triplets.Add(new FocalTriplet(name, stack.Nx, stack.Ny, frames, PixelSize([stack.VoxelSize.XAngstrom])));
            }
        }
        return triplets;
    }

    private static double PixelSize(IEnumerable<double> values)
    {
        var known = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        return known.Count > 0 ? known.Average() : 0;
    }
}
