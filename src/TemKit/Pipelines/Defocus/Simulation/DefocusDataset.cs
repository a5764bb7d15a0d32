using System.Globalization;
using TemKit.CtfEstimation.Synthetic;
using TemKit.IO;
using TemKit.IO.Csv;
using TemKit.IO.Mrc;
using TemKit.Numerics;
using TemKit.Optics;

namespace TemKit.Pipelines.Defocus.Simulation;

/// <summary>Settings of a synthetic dataset with known defocus (for the demo, tests and the Slurm check).</summary>
public sealed record DefocusDatasetOptions
{
    /// <summary>Number of micrographs.</summary>
    public int Count { get; init; } = 8;

    /// <summary>Edge of each square micrograph (px).</summary>
    public int SizePx { get; init; } = 512;

    /// <summary>Pixel size (Å).</summary>
    public double PixelSizeAngstrom { get; init; } = 1.0;

    /// <summary>Microscope constants: voltage (kV), Cs (mm), amplitude contrast (default 300 kV, 2.7 mm, 0.07).</summary>
    public ElectronOptics Optics { get; init; } = ElectronOptics.Default;

    /// <summary>Smallest true mean defocus (Å, underfocus positive).</summary>
    public double MinDefocusAngstrom { get; init; } = 8000;

    /// <summary>Largest true mean defocus (Å).</summary>
    public double MaxDefocusAngstrom { get; init; } = 25000;

    /// <summary>Largest astigmatism (Δf1 − Δf2) as a fraction of the mean defocus.</summary>
    public double MaxAstigmatismFraction { get; init; } = 0.05;

    /// <summary>Electron dose (e/Å²) of the Poisson noise.</summary>
    public double DoseElectronsPerAngstrom2 { get; init; } = 20;

    /// <summary>Seed of the defocus draws and of every image.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Astigmatism fractions accepted: [0, 1].</summary>
    public static Limits AstigmatismLimits { get; } = Limits.Fraction;

    /// <summary>Checks the values; throws <see cref="ArgumentOutOfRangeException"/> naming the bad one.</summary>
    public void Validate()
    {
        new Limits(1, 100_000, "micrographs").Check(Count, nameof(Count));
        new Limits(64, 16384, "px").Check(SizePx, nameof(SizePx));
        OpticsLimits.PixelSizeAngstrom.Check(PixelSizeAngstrom, nameof(PixelSizeAngstrom));
        Optics.ValidateForFit();
        OpticsLimits.DefocusSearchAngstrom.Check(MinDefocusAngstrom, nameof(MinDefocusAngstrom));
        OpticsLimits.DefocusSearchAngstrom.Check(MaxDefocusAngstrom, nameof(MaxDefocusAngstrom));
        if (MaxDefocusAngstrom < MinDefocusAngstrom)
            throw new ArgumentOutOfRangeException(nameof(MaxDefocusAngstrom), MaxDefocusAngstrom, $"MaxDefocusAngstrom must be ≥ MinDefocusAngstrom ({MinDefocusAngstrom} Å)");
        AstigmatismLimits.Check(MaxAstigmatismFraction, nameof(MaxAstigmatismFraction));
        OpticsLimits.DoseElectronsPerAngstrom2.Check(DoseElectronsPerAngstrom2, nameof(DoseElectronsPerAngstrom2));
    }
}

/// <summary>The true CTF of one simulated file.</summary>
/// <param name="File">Absolute path of the MRC file.</param>
/// <param name="Defocus1Angstrom">True defocus 1 (Å).</param>
/// <param name="Defocus2Angstrom">True defocus 2 (Å).</param>
/// <param name="AstigmatismAngleDegrees">True angle of the defocus-1 axis (degrees).</param>
public sealed record DefocusTruth(string File, double Defocus1Angstrom, double Defocus2Angstrom, double AstigmatismAngleDegrees)
{
    /// <summary>True mean defocus (Å).</summary>
    public double MeanDefocusAngstrom => (Defocus1Angstrom + Defocus2Angstrom) / 2;
}

/// <summary>
/// Writes a synthetic dataset: weak-phase amorphous-film micrographs through a CTF with envelope and Poisson noise
/// (<see cref="SyntheticMicrograph"/>) as float32 MRC files micrograph_000.mrc..., each with a modification time one
/// minute after the previous (a stand-in acquisition time), plus truth.csv with the true defocus.
/// </summary>
public static class DefocusDataset
{
    /// <summary>Generates the dataset into <paramref name="folder"/>; <paramref name="progress"/> is called after each file.</summary>
    public static List<DefocusTruth> Generate(string folder, DefocusDatasetOptions options, Action? progress = null)
    {
        options.Validate();
        Directory.CreateDirectory(folder);
        var rng = new Random(options.Seed);
        var draws = new List<(double Mean, double Astig, double Angle)>();
        for (int i = 0; i < options.Count; i++)
            draws.Add((options.MinDefocusAngstrom + rng.NextDouble() * (options.MaxDefocusAngstrom - options.MinDefocusAngstrom),
                       rng.NextDouble() * options.MaxAstigmatismFraction, rng.NextDouble() * 180));
        var start = new DateTime(2024, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        var truths = new List<DefocusTruth>(options.Count);
        for (int i = 0; i < options.Count; i++)
        {
            var (mean, astig, angle) = draws[i];
            double df1 = mean * (1 + astig / 2), df2 = mean * (1 - astig / 2);
            var ctf = new CtfParameters(options.Optics.VoltageKilovolts, options.Optics.CsMillimetres, options.Optics.AmplitudeContrast, df1, df2, angle);
            var image = SyntheticMicrograph.Generate(new SyntheticMicrographOptions(ctf)
            {
                WidthPx = options.SizePx,
                HeightPx = options.SizePx,
                PixelSizeAngstrom = options.PixelSizeAngstrom,
                DoseElectronsPerAngstrom2 = options.DoseElectronsPerAngstrom2,
                Seed = options.Seed * 7919 + i,
            });
            string path = Path.GetFullPath(Path.Combine(folder, $"micrograph_{i:D3}.mrc"));
            MrcFile.Write(path, image);
            File.SetLastWriteTimeUtc(path, start.AddMinutes(i));
            truths.Add(new DefocusTruth(path, df1, df2, angle));
            progress?.Invoke();
        }
        CsvFiles.WriteTable(Path.Combine(folder, "truth.csv"), ["file", "defocus1_A", "defocus2_A", "astigmatism_angle_deg", "mean_defocus_A"],
            truths.Select(t => (IReadOnlyList<string>)[t.File, F(t.Defocus1Angstrom), F(t.Defocus2Angstrom), F(t.AstigmatismAngleDegrees), F(t.MeanDefocusAngstrom)]));
        return truths;
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
