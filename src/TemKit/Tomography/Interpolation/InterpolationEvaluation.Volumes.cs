using TemKit.Imaging;
using TemKit.Tomography.Quality;

namespace TemKit.Tomography.Interpolation;

public static partial class InterpolationEvaluation
{
    /// <summary>"all frames", then for each factor f "every f-th" and "every f-th + METHOD", each scored against the reference volume.</summary>
    private static void ScoreVolumes(EvaluationSeries s, ImageStack inputs, double dose, ImageStack reference, List<ITiltSeriesFiller> fillers,
        InterpolationEvaluationParameters p, Dictionary<(string, int, double), Mean> scores)
    {
        void Score(string name, int factor, ImageStack volume)
        {
            if (!scores.TryGetValue((name, factor, dose), out var mean)) scores[(name, factor, dose)] = mean = new Mean(3);
            var fsc = FourierShellCorrelation.Shell(volume.Array, reference.Array, volume.Nx, volume.Ny, volume.Nz);
            mean.Add(ImageQuality.Psnr(volume.Array, reference.Array), ImageQuality.Ssim(volume.Array, reference.Array, volume.Nx, volume.Ny, volume.Nz),
                fsc.Where(c => c.FrequencyCyclesPerPixel > 0).Average(c => c.Correlation));
        }
        Score("all frames", 1, Reconstruct(inputs, s.TiltsDegrees, p));
        foreach (int f in p.ReconstructionFactors)
        {
            if ((inputs.Nz - 1) % f != 0 || inputs.Nz <= f) continue;
            var (kept, keptTilts) = TiltSeriesFilling.EveryNth(inputs, s.TiltsDegrees, f);
            string label = f == 2 ? "every 2nd" : $"every {f}th";
            Score(label, f, Reconstruct(kept, keptTilts, p));
            var denseTilts = TiltSeriesFilling.DenseTilts(keptTilts, f);
            foreach (var filler in fillers) Score($"{label} + {filler.Name}", f, Reconstruct(filler.Fill(kept, keptTilts, f), denseTilts, p));
        }
    }
}
