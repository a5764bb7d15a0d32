using TemKit.Imaging;
using TemKit.Simulation.Potentials;

namespace TemKit.Simulation.Stem;

/// <summary>A simulated STEM image and how it was computed.</summary>
/// <param name="Image">The detector signal per probe position as a fraction of the incident probe intensity (pixel size
/// = scan step); multiply by dose × step² for expected electron counts.</param>
/// <param name="Method">The method used.</param>
/// <param name="Grid">The wave grid (multislice and PRISM; null for the incoherent method).</param>
/// <param name="Slices">Slices of the potential (of which <paramref name="OccupiedSlices"/> hold atoms); 0 for incoherent.</param>
/// <param name="OccupiedSlices">Slices holding atoms, each costing two FFTs per wave.</param>
/// <param name="Beams">PRISM plane waves in the S-matrix (0 otherwise).</param>
public sealed record StemResult(Image2D Image, StemMethod Method, SimulationGrid? Grid, int Slices, int OccupiedSlices, int Beams);

/// <summary>Progress of a STEM simulation.</summary>
/// <param name="Stage">What is running ("S-matrix", "probes", ...).</param>
/// <param name="Done">Units finished in this stage.</param>
/// <param name="Total">Units in this stage.</param>
public readonly record struct StemProgress(string Stage, int Done, int Total);
