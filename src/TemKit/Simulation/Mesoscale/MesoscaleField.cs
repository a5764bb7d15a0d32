using TemKit.Fourier;
using TemKit.Imaging;
using TemKit.Optics;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Multislice;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Transfer;

namespace TemKit.Simulation.Mesoscale;

/// <summary>One imaged mesoscale field: the detected frame, the noise-free intensity and the specimen it shows.</summary>
/// <param name="Detected">Detected frame (electrons per pixel) with dose noise and the detector's MTF and readout noise.</param>
/// <param name="Intensity">Noise-free image intensity (mean ≈ 1).</param>
/// <param name="Specimen">Objects, projected phase and exact mask.</param>
/// <param name="Imaging">The imaging conditions (the true CTF is <see cref="MesoscaleImaging.Ctf"/>).</param>
public sealed record MesoscaleField(Image2D Detected, Image2D Intensity, MesoscaleSpecimen Specimen, MesoscaleImaging Imaging)
{
    /// <summary>
    /// Images <paramref name="specimen"/>: the exit wave ψ = exp[(i − η) φ] of the phase object, with η = w/√(1 − w²) for
    /// amplitude contrast w so that a weak object's image is 1 + 2·CTF∗φ with the CTFFIND CTF −sin(χ + arctan η)
    /// (Rohou &amp; Grigorieff 2015, Eq. 3); then the simulation's own transfer (<see cref="WaveImager"/>: χ from
    /// <see cref="CtfPhase"/>, temporal and spatial envelopes) and dose path (<see cref="ParticleSimulation.RenderEpoch"/>).
    /// </summary>
    public static MesoscaleField Image(MesoscaleSpecimen specimen, MesoscaleImaging imaging, Random rng)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        ArgumentNullException.ThrowIfNull(imaging);
        imaging.Validate();
        var imager = new WaveImager(ExitWave(specimen, imaging.Optics));
        var (detected, intensity) = ParticleSimulation.RenderEpoch(imager, imaging.Transfer, imaging.DoseElectronsPerAngstrom2, imaging.Detector, rng);
        var metadata = detected.Metadata with { DefocusAngstrom = imaging.DefocusAngstrom };
        return new MesoscaleField(new Image2D(detected.Width, detected.Height, detected.PixelMemory, detected.PixelSize, metadata), intensity, specimen, imaging);
    }

    /// <summary>Draws a specimen with <paramref name="rng"/> and images it.</summary>
    public static MesoscaleField Simulate(MesoscaleSpecimenParameters specimen, int sizePx, double pixelSizeAngstrom, MesoscaleImaging imaging, Random rng)
    {
        ArgumentNullException.ThrowIfNull(imaging);
        var s = MesoscaleSpecimen.Draw(specimen, sizePx, pixelSizeAngstrom, imaging.Optics.VoltageKilovolts, rng);
        return Image(s, imaging, rng);
    }

    /// <summary>The exit wave exp[(i − η) φ] of a phase object (η from the amplitude contrast of <paramref name="optics"/>).</summary>
    public static ExitWave ExitWave(MesoscaleSpecimen specimen, ElectronOptics optics)
    {
        ArgumentNullException.ThrowIfNull(specimen);
        ArgumentNullException.ThrowIfNull(optics);
        double eta = Math.Tan(Ctf.AmplitudeContrastPhase(optics.AmplitudeContrast));
        var values = new ComplexF[specimen.PhaseRadians.Length];
        var phase = specimen.PhaseRadians;
        Parallel.For(0, specimen.SizePx, j =>
        {
            int row = j * specimen.SizePx;
            for (int i = row; i < row + specimen.SizePx; i++)
            {
                double p = phase[i], a = Math.Exp(-eta * p);
                values[i] = new ComplexF((float)(a * Math.Cos(p)), (float)(a * Math.Sin(p)));
            }
        });
        // SimulationGrid.Validate is for atomic sampling (≤ 1 Å/px); a mesoscale field is sampled at 1-5 Å/px.
        return new ExitWave(new SimulationGrid(specimen.SizePx, specimen.SizePx, specimen.PixelSizeAngstrom), optics.VoltageKilovolts, values);
    }
}
