using TemKit.Simulation.Stem;
using TemKit.Simulation.Structures;
using TemKit.Simulation.TiltSeries;
using TemKit.Tomography.Reconstruction;

namespace TemKit.Tests.Simulation.TiltSeries;

public class TiltSeriesReconstructionTests
{
    [Fact]
    public void ASimulatedSeriesReconstructsUprightNotMirrored()
    {
        // Three Au atoms with no mirror symmetry; a noiseless ±90° series; WBP; the reconstruction must match the
        // ground-truth volume, not its mirror images in x or z.
        Atom[] atoms = [new(79, 5, 2, 3), new(79, -4, -1, 6), new(79, 1, 4, -5)];
        var stem = new StemParameters(new ProbeParameters(SourceSizeAngstrom: 0.8), AnnularDetector.Haadf);
        var p = new TiltSeriesParameters { TiltsDegrees = TiltAngles.Range(-90, 90, 3), ImagePixels = 40, StepAngstrom = 0.5, DoseElectronsPerAngstrom2 = 0, Stem = stem, VolumeBlobSigmaAngstrom = 0.8 };
        var r = TiltSeriesSimulator.Run(atoms, p, new StemOptions { Method = StemMethod.Incoherent });
        var recon = TomogramReconstruction.Reconstruct(r.Noiseless, r.TiltsDegrees, new ReconstructionOptions { ThicknessPx = 40 }).Volume!.Array;
        var truth = r.Volume.Array;
        int n = 40;
        float[] Mirror(bool x, bool z)
        {
            var m = new float[truth.Length];
            for (int k = 0; k < n; k++)
                for (int j = 0; j < n; j++)
                    for (int i = 0; i < n; i++)
                        m[(k * n + j) * n + i] = truth[((z ? n - 1 - k : k) * n + j) * n + (x ? n - 1 - i : i)];
            return m;
        }
        double upright = StemTestDataCorrelation(recon, truth);
        Assert.True(upright > 0.6, $"correlation with the truth {upright:F3}");
        Assert.True(upright > StemTestDataCorrelation(recon, Mirror(true, false)) + 0.3);
        Assert.True(upright > StemTestDataCorrelation(recon, Mirror(false, true)) + 0.3);
    }

    private static double StemTestDataCorrelation(float[] a, float[] b) => Stem.StemTestData.Correlation(a, b);
}
