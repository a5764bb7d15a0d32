using TemKit.IO;
using TemKit.Simulation.Datasets;

namespace TemKit.Tests.Simulation;

public class DatasetTests
{
    // A small, fast configuration: 128 px at 0.2 Å/px (25.6 Å) with 1.2 nm particles.
    internal static DatasetRanges Small => DatasetRanges.Table1 with
    {
        GridPixels = 128,
        PixelSizeAngstrom = new ParameterRange(0.19, 0.21),
        DiameterNanometres = new ParameterRange(1.0, 1.4),
        SupportThicknessAngstrom = 6,
    };

    [Fact]
    public void SameSeedGivesTheSameDatasetWhateverTheThreadCount()
    {
        var a = DatasetGenerator.Generate(Small, 3, 2, seed: 42, maxParallelism: 1);
        var b = DatasetGenerator.Generate(Small, 3, 2, seed: 42, maxParallelism: 3);
        var c = DatasetGenerator.Generate(Small, 3, 2, seed: 43, maxParallelism: 2);
        Assert.Equal(6, a.Images.Nz);
        // Every random draw is the same; FFTW may round the last bits differently (it picks codelets by memory
        // alignment), so the images agree to float rounding rather than bit for bit (bit for bit with TEMKIT_FFT=managed).
        Assert.True(RelativeDifference(a.Images.Array, b.Images.Array) < 1e-4);
        Assert.Equal(a.Masks.Array, b.Masks.Array);
        Assert.True(RelativeDifference(a.Images.Array, c.Images.Array) > 0.1);
        Assert.Equal(a.Records.Select(r => r.DefocusAngstrom), b.Records.Select(r => r.DefocusAngstrom));
        // Both epochs of a particle share its mask; masks are 0/1 with some particle in them.
        Assert.Equal(a.Masks.Frame(0).ToArray(), a.Masks.Frame(1).ToArray());
        Assert.All(a.Records, r => Assert.InRange(r.MaskFraction, 0.02, 0.5));
        Assert.All(a.Records, r => Assert.InRange(r.DefocusAngstrom, -200, 200));
        Assert.All(a.Records, r => Assert.InRange(r.DoseElectronsPerAngstrom2, 1e2, 1e6));
        // The detected frame's mean is the dose per pixel (SOI Eq. 3 keeps the mean).
        for (int f = 0; f < a.Images.Nz; f++)
        {
            double mean = a.Images.Frame(f).ToArray().Average(v => (double)v);
            Assert.Equal(a.Records[f].DoseElectronsPerPixel, mean, a.Records[f].DoseElectronsPerPixel * 0.05 + 0.1);
        }
    }

    private static double RelativeDifference(float[] x, float[] y)
    {
        double diff = 0, sum = 0;
        for (int i = 0; i < x.Length; i++) { diff += Math.Abs(x[i] - y[i]); sum += Math.Abs(x[i]); }
        return diff / sum;
    }

    [Fact]
    public void DoseIsLogUniform()
    {
        var rng = new Random(5);
        var range = new ParameterRange(1e2, 1e6);
        var logs = Enumerable.Range(0, 20000).Select(_ => Math.Log10(range.LogUniform(rng))).ToArray();
        Assert.InRange(logs.Min(), 2, 2.01);
        Assert.InRange(logs.Max(), 5.99, 6);
        for (int decade = 2; decade < 6; decade++)
            Assert.InRange(logs.Count(l => l >= decade && l < decade + 1) / 20000.0, 0.23, 0.27);
    }

    [Fact]
    public void RangesYamlRoundTripsAndRejectsBadKeys()
    {
        var back = DatasetRangesYaml.Parse(DatasetRangesYaml.Format(Small));
        Assert.Equal(Small, back);
        var partial = DatasetRangesYaml.Parse("defocus_angstrom: [-100, 50]\ndose_electrons_per_angstrom2: [1000]\nmtf_model: 3\n");
        Assert.Equal(new ParameterRange(-100, 50), partial.DefocusAngstrom);
        Assert.Equal(ParameterRange.Fixed(1000), partial.DoseElectronsPerAngstrom2);
        Assert.Equal(DatasetRanges.Table1.CsMillimetres, partial.CsMillimetres);
        Assert.Equal(3, partial.MtfModel);
        Assert.Contains("reversed", Assert.Throws<ArgumentException>(() => DatasetRangesYaml.Parse("blur_angstrom: [0.8, 0.1]")).Message);
        Assert.Contains("mtf_model", Assert.Throws<ArgumentException>(() => DatasetRangesYaml.Parse("mtf_model: 9")).Message);

        string path = Path.Combine(Path.GetTempPath(), $"temkit-ranges-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "defocus_angstrom: [-100, 50]\nnot_a_key: 3\n");
        try
        {
            var e = Assert.Throws<TemKitFormatException>(() => DatasetRangesYaml.Read(path));
            Assert.Contains("line 2", e.Message);
            Assert.Contains("not_a_key", e.Message);
        }
        finally { File.Delete(path); }
    }
}
