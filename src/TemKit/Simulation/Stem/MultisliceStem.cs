using TemKit.Fourier;
using TemKit.Numerics;

namespace TemKit.Simulation.Stem;

/// <summary>
/// The reference method: one multislice calculation per probe position (Kirkland 2010 section 7.2). Each probe is
/// built in Fourier space, carried through the prepared <see cref="TransmissionStack"/> and its exit spectrum summed
/// over the detector; probes run in parallel, one per core, each with serial FFTs.
/// </summary>
internal static class MultisliceStem
{
    /// <summary>Detector signal (fraction of the incident intensity) of every probe position of <paramref name="scan"/>.</summary>
    public static float[] Run(TransmissionStack stack, StemParameters parameters, ScanRegion scan, double bandLimitInverseAngstrom,
        int maxParallelism, Action<int>? advance)
    {
        var grid = stack.Grid;
        int nx = grid.Nx, ny = grid.Ny;
        var probe = new ProbeSpectrum(parameters.Probe, nx, ny, grid.PixelSizeAngstrom);
        var bins = DetectorBins.Annulus(parameters.Detector, parameters.Probe.WavelengthAngstrom, nx, ny, grid.PixelSizeAngstrom, bandLimitInverseAngstrom);
        var image = new float[scan.Count];
        double norm = probe.Count;
        Parallel.For(0, scan.Ny, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, () => new ComplexF[nx * ny], (j, _, wave) =>
        {
            using var serial = InnerParallelism.Serial();
            for (int i = 0; i < scan.Nx; i++)
            {
                probe.At(scan.X(i), scan.Y(j), wave);
                stack.Run(wave);
                image[j * scan.Nx + i] = (float)(DetectorBins.Sum(wave, bins) / norm);
            }
            advance?.Invoke(scan.Nx);
            return wave;
        }, _ => { });
        return image;
    }
}
