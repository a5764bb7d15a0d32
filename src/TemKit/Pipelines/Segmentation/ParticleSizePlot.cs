using MathNet.Numerics.Statistics;
using TemKit.Plotting;

namespace TemKit.Pipelines.Segmentation;

/// <summary>particle-sizes.svg: histogram of the particles' equivalent diameters (nm, or px when a pixel size is unknown).</summary>
public static class ParticleSizePlot
{
    /// <summary>Writes the histogram of <paramref name="particles"/> to <paramref name="path"/> (atomically).</summary>
    public static void Write(string path, IReadOnlyList<ParticleRow> particles)
    {
        bool nm = particles.Count > 0 && particles.All(p => double.IsFinite(p.Particle.EquivalentDiameterNm));
        var diameters = particles.Select(p => nm ? p.Particle.EquivalentDiameterNm : p.Particle.EquivalentDiameterPx).ToArray();
        var plot = new SvgPlot($"Particle size distribution ({particles.Count} particles)",
            nm ? "Equivalent diameter 2√(A/π) (nm)" : "Equivalent diameter 2√(A/π) (px; pixel size unknown)", "Particles");
        if (diameters.Length > 0)
        {
            int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(diameters.Length)), 1, 50);
            plot.AddHistogramOfValues("particles", diameters, bins);
            plot.AddVerticalLine(diameters.Median(), "median");
        }
        else
        {
            plot.XMin = 0;
            plot.XMax = 1;
            plot.YMin = 0;
            plot.YMax = 1;
            plot.AddText(0.5, 0.5, "no particles found", anchor: "middle");
        }
        plot.Save(path);
    }
}
