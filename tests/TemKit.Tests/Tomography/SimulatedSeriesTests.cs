using TemKit.Imaging;
using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;
using TemKit.Tomography.Reconstruction;
using Xunit;

namespace TemKit.Tests.Tomography;

public class SimulatedSeriesTests
{
    private static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { double p = a[i] - ma, q = b[i] - mb; sab += p * q; saa += p * p; sbb += q * q; }
        return sab / Math.Sqrt(saa * sbb);
    }

    private static float[] Mirror(ImageStack v, bool x, bool z)
    {
        var m = new float[v.Array.Length];
        for (int k = 0; k < v.Nz; k++)
            for (int j = 0; j < v.Ny; j++)
                for (int i = 0; i < v.Nx; i++)
                    m[((long)k * v.Ny + j) * v.Nx + i] = v.Array[((long)(z ? v.Nz - 1 - k : k) * v.Ny + j) * v.Nx + (x ? v.Nx - 1 - i : i)];
        return m;
    }

    [Fact]
    public void ASimulatedTiltSeriesReconstructsUprightAndNotMirrored()
    {
        // Three Au atoms far apart in x, y and z: `simulate tilt-series` (incoherent HAADF) → WBP → its own ground-truth volume.
        Atom[] atoms = [new(79, 5, -4, 6), new(79, -6, 3, -2), new(79, 1, 5, -7)];
        var stem = new StemParameters(new ProbeParameters(SourceSizeAngstrom: 0.8), AnnularDetector.Haadf);
        var tilts = Enumerable.Range(0, 25).Select(i => -60.0 + 5 * i).ToArray();
        var p = new TiltSeriesParameters { TiltsDegrees = tilts, ImagePixels = 48, StepAngstrom = 0.5, DoseElectronsPerAngstrom2 = 0, Stem = stem, VolumeBlobSigmaAngstrom = 0.8 };
        var series = TiltSeriesSimulator.Run(atoms, p, new StemOptions { Method = StemMethod.Incoherent });
        var volume = TomogramReconstruction.Reconstruct(series.Noiseless, tilts, new ReconstructionOptions()).Volume!;
        Assert.Equal((series.Volume.Nx, series.Volume.Ny, series.Volume.Nz), (volume.Nx, volume.Ny, volume.Nz));
        double upright = Correlation(volume.Array, series.Volume.Array);
        double mirroredZ = Correlation(volume.Array, Mirror(series.Volume, false, true));
        double mirroredX = Correlation(volume.Array, Mirror(series.Volume, true, false));
        Assert.True(upright > 0.5 && upright > mirroredZ + 0.3 && upright > mirroredX + 0.3,
            $"correlation with the truth {upright:F2}, mirrored in z {mirroredZ:F2}, in x {mirroredX:F2}");
    }
}
