using TemKit.Imaging;
using TemKit.Simulation.Structures;

namespace TemKit.Simulation.TiltSeries;

/// <summary>A simulated tilt series with its ground truth.</summary>
/// <param name="TiltsDegrees">The tilt of each frame (degrees).</param>
/// <param name="Noiseless">Expected counts per pixel (dose × step² × detector fraction), one frame per tilt; with dose 0,
/// the detector fraction itself.</param>
/// <param name="Noisy">Poisson draws of <paramref name="Noiseless"/> (counts), or null when the dose is 0.</param>
/// <param name="Structure">The atoms at tilt 0 (Å, centred on the rotation centre, the origin).</param>
/// <param name="Volume">Ground truth: Σ_atoms σ(Z)·G(r − r_a) (1/Å; σ the atom's detector cross-section in Å², G a
/// normalised 3D Gaussian), ImagePixels³ voxels of one step, voxel (i, j, k) centred at ((i − c)·step,
/// (j − c)·step, (k − c)·step) Å, c = (N − 1)/2, k along the beam at tilt 0.</param>
/// <param name="StepAngstrom">Scan step = pixel = voxel size (Å).</param>
/// <param name="DoseElectronsPerAngstrom2">Dose per frame (e/Å²).</param>
public sealed record TiltSeriesResult(IReadOnlyList<double> TiltsDegrees, ImageStack Noiseless, ImageStack? Noisy, Atom[] Structure, ImageStack Volume,
    double StepAngstrom, double DoseElectronsPerAngstrom2);
