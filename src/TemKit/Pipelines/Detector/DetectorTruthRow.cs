using CsvHelper.Configuration.Attributes;
using TemKit.Detector;

namespace TemKit.Pipelines.Detector;

/// <summary>One simulated frame's true parameters: a row of &lt;output&gt;_truth.csv.</summary>
public sealed class DetectorTruthRow
{
    /// <summary>Frame index (0-based).</summary>
    [Name("frame")] public int Frame { get; init; }

    /// <summary>Frame dose (e/Å²).</summary>
    [Name("dose_e_per_A2")] public double DoseElectronsPerAngstrom2 { get; init; }

    /// <summary>Frame dose N_D (e/px).</summary>
    [Name("dose_e_per_px")] public double DoseElectronsPerPixel { get; init; }

    /// <summary>MTF half-maximum c0 (fraction of Nyquist).</summary>
    [Name("c0")] public double C0 { get; init; }

    /// <summary>MTF shape exponent c3.</summary>
    [Name("c3")] public double C3 { get; init; }

    /// <summary>Floor C of the detector's own MTF.</summary>
    [Name("mtf_floor")] public double MtfFloor { get; init; }

    /// <summary>Readout noise N0 (e/px).</summary>
    [Name("N0")] public double N0 { get; init; }

    /// <summary>Readout noise distribution ("poisson" or "gaussian").</summary>
    [Name("readout")] public string Readout { get; init; } = "";

    /// <summary>Floor C an amplitude-spectrum fit should find (Eq. 2 with the MTF floor).</summary>
    [Name("expected_C")] public double ExpectedC { get; init; }

    /// <summary>The row of frame <paramref name="z"/> at dose <paramref name="perA2"/> (e/Å²) = <paramref name="perPixel"/> (e/px) through <paramref name="m"/>.</summary>
    public static DetectorTruthRow From(int z, double perA2, double perPixel, DetectorModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new()
        {
            Frame = z, DoseElectronsPerAngstrom2 = perA2, DoseElectronsPerPixel = perPixel, C0 = m.C0, C3 = m.C3, MtfFloor = m.C,
            N0 = m.ReadoutNoiseElectronsPerPixel, Readout = m.Readout.ToString().ToLowerInvariant(), ExpectedC = m.ExpectedFloor(perPixel),
        };
    }
}
