using TemKit.Detector;
using TemKit.Imaging;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;
using TemKit.Simulation.Transfer;

namespace TemKit.Pipelines.ParticleAnalysis.Validation;

/// <summary>One simulated frame of a <see cref="TiltStudy"/>.</summary>
/// <param name="Particle">Particle number (its seed).</param>
/// <param name="TiltDegrees">Tilt off [110] (degrees).</param>
/// <param name="TiltAxisDegrees">Azimuth of the tilt axis (degrees).</param>
/// <param name="DoseElectronsPerAngstrom2">Dose (e/Å²).</param>
/// <param name="Analysis">The regional Fourier analysis inside the true particle mask.</param>
public sealed record TiltStudyFrame(int Particle, double TiltDegrees, double TiltAxisDegrees, double DoseElectronsPerAngstrom2, RegionalFourierResult Analysis);

/// <summary>The ROC of the ratio filter at one dose.</summary>
/// <param name="DoseElectronsPerAngstrom2">Dose (e/Å²).</param>
/// <param name="Roc">On zone (positives, small ratio) against off zone.</param>
public sealed record TiltStudyRoc(double DoseElectronsPerAngstrom2, RocCurve Roc);

/// <summary>
/// Simulates <see cref="TiltStudyParameters"/>: for each particle and tilt one exit wave (multislice), for each dose one
/// detected frame, analysed inside its true mask; then the ROC per dose of "ratio ≤ T" for on zone against off zone.
/// </summary>
public static class TiltStudy
{
    /// <summary>Runs the study; <paramref name="progress"/> sees each exit wave finish.</summary>
    public static (IReadOnlyList<TiltStudyFrame> Frames, IReadOnlyList<TiltStudyRoc> Rocs) Run(TiltStudyParameters parameters, RegionalFourierOptions? options = null, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= new RegionalFourierOptions();
        var grid = new SimulationGrid(parameters.GridPx, parameters.GridPx, parameters.PixelSizeAngstrom);
        var detector = parameters.MtfModel == 0 ? DetectorModel.Ideal : DetectorModel.Preset(parameters.MtfModel);
        var frames = new List<TiltStudyFrame>();
        int total = parameters.Particles * parameters.TiltsDegrees.Count, done = 0;
        for (int particle = 1; particle <= parameters.Particles; particle++)
            foreach (double tilt in parameters.TiltsDegrees)
            {
                var fcc = new FccParticleParameters(DiameterNanometres: parameters.DiameterNanometres, TiltDegrees: tilt);
                var sim = ParticleSimulation.Simulate(fcc, grid, new PotentialParameters(), new MultisliceParameters(), new Random(particle));
                var imager = new WaveImager(sim.ExitWave);
                var noiseRng = new Random(1000 * particle + (int)Math.Round(10 * tilt));
                foreach (double dose in parameters.DosesElectronsPerAngstrom2)
                {
                    var (detected, _) = ParticleSimulation.RenderEpoch(imager, parameters.ResolvedOptics, dose, detector, noiseRng);
                    var image = detected.WithPixelSize(VoxelSize.Isotropic(parameters.PixelSizeAngstrom));
                    var analysis = RegionalFourier.Analyse(image, sim.Mask.Pixels, options);
                    frames.Add(new TiltStudyFrame(particle, tilt, sim.Geometry!.TiltAxisDegrees, dose, analysis));
                }
                progress?.Report(new JobProgress("tilt study exit waves", ++done, total));
            }
        var rocs = parameters.DosesElectronsPerAngstrom2.Select(dose =>
        {
            var atDose = frames.Where(f => f.DoseElectronsPerAngstrom2 == dose).ToList();
            // Lower ratio = on zone: score = −ratio; a frame without lattice pairs (NaN) ranks lowest.
            double Score(TiltStudyFrame f) => double.IsNaN(f.Analysis.Ratio) ? double.NegativeInfinity : -f.Analysis.Ratio;
            var positives = atDose.Where(f => f.TiltDegrees <= parameters.OnZoneMaxTiltDegrees).Select(Score).ToList();
            var negatives = atDose.Where(f => f.TiltDegrees >= parameters.OffZoneMinTiltDegrees).Select(Score).ToList();
            return new TiltStudyRoc(dose, RocCurve.From(positives, negatives));
        }).ToList();
        return (frames, rocs);
    }
}
