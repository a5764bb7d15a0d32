using System.Text.Json;
using TemKit.IO;
using TemKit.Simulation.Datasets;
using TemKit.Simulation.Potentials;
using TemKit.Simulation.Structures;

namespace TemKit.Pipelines.DoseLimits;

/// <summary>The steps of the study, in order.</summary>
public enum DoseLimitStudyStep
{
    /// <summary>Training datasets (Table 1 with the Table 2 dose ranges and the Table 3 MTF models, same structures) and the evaluation series.</summary>
    Datasets,

    /// <summary>Train the variants (resuming a partly trained model).</summary>
    Train,

    /// <summary>Every trained model on the series with <see cref="DoseLimitRun"/>.</summary>
    Evaluate,

    /// <summary>The study report with the paper's questions answered.</summary>
    Report,
}

/// <summary>Parameters of the dose-limit study.</summary>
/// <param name="Scale">Tiny, small or paper.</param>
/// <param name="Seed">Seed of the structures, the series and the networks.</param>
public sealed record DoseLimitStudyParameters(DoseLimitStudyScale Scale = DoseLimitStudyScale.Small, int Seed = 1)
{
    /// <summary>The sizes the scale fixes.</summary>
    public DoseLimitStudySettings Settings => DoseLimitStudySettings.For(Scale);
}

/// <summary>
/// The seed paper's study as a resumable job in one folder RUN: datasets/NAME (one per dose range and MTF model, all
/// with the same atomic structures: the structure of particle i depends only on the seed and i), series/ (the SOI A.4
/// replica series with MTF 3 and exact masks), models/VARIANT.tkm, evaluation/ (a <see cref="DoseLimitRun"/> of all
/// models) and report.html. A step whose output exists is not redone, so a killed study re-run continues.
/// </summary>
public sealed partial class DoseLimitStudy
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>A study in <paramref name="folder"/>; throws <see cref="InvalidOperationException"/> when the folder holds
    /// a study made with other parameters.</summary>
    public DoseLimitStudy(string folder, DoseLimitStudyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Folder = Path.GetFullPath(folder);
        Parameters = parameters;
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, "study.json");
        if (File.Exists(path))
        {
            var previous = JsonSerializer.Deserialize<DoseLimitStudyParameters>(File.ReadAllText(path), s_json);
            if (previous != parameters) throw new InvalidOperationException($"{Folder} holds a study made with other parameters ({path}): use another folder");
        }
        else
        {
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(parameters, s_json));
        }
    }

    /// <summary>The study folder.</summary>
    public string Folder { get; }

    /// <summary>Scale and seed.</summary>
    public DoseLimitStudyParameters Parameters { get; }

    /// <summary>Called with one-line notices (a step reused, a model missing).</summary>
    public Action<string>? Notice { get; init; }

    /// <summary>RUN/datasets/NAME.</summary>
    public string DatasetFolder(string name) => Path.Combine(Folder, "datasets", name);

    /// <summary>RUN/models/VARIANT.tkm.</summary>
    public string ModelPath(DoseLimitStudyVariant variant) => Path.Combine(Folder, "models", ArgumentNullCheck(variant).Name + ".tkm");

    /// <summary>RUN/series.</summary>
    public string SeriesFolder => Path.Combine(Folder, "series");

    /// <summary>RUN/evaluation.</summary>
    public string EvaluationFolder => Path.Combine(Folder, "evaluation");

    /// <summary>RUN/report.html.</summary>
    public string ReportPath => Path.Combine(Folder, "report.html");

    /// <summary>The ranges of dataset <paramref name="variant"/> trains on: Table 1 with the variant's dose range and MTF
    /// model, at the scale's grid, pixel size and diameters.</summary>
    public DatasetRanges RangesFor(DoseLimitStudyVariant variant)
    {
        var s = Parameters.Settings;
        return DatasetRanges.Table1 with
        {
            GridPixels = s.GridPx, PixelSizeAngstrom = ParameterRange.Fixed(s.PixelSizeAngstrom), DiameterNanometres = s.DiameterNanometres,
            DoseElectronsPerAngstrom2 = ArgumentNullCheck(variant).DoseRange, MtfModel = variant.MtfModel,
        };
    }

    /// <summary>The evaluation series: SOI A.4's replica (MTF 3) at the scale's grid and pixel size.</summary>
    public DoseSeriesParameters SeriesParameters
    {
        get
        {
            var s = Parameters.Settings;
            return new DoseSeriesParameters
            {
                Particle = new FccParticleParameters(DiameterNanometres: s.SeriesDiameterNanometres),
                Grid = new SimulationGrid(s.GridPx, s.GridPx, s.PixelSizeAngstrom),
                Frames = s.SeriesFrames,
                Seed = Parameters.Seed + 1000,
            };
        }
    }

    /// <summary>Makes the dataset <paramref name="variant"/> trains on unless it exists (ranges.yaml is
    /// written last); returns whether it was made now.</summary>
    public bool EnsureDataset(DoseLimitStudyVariant variant, IProgress<JobProgress>? progress = null)
    {
        string folder = DatasetFolder(ArgumentNullCheck(variant).Dataset);
        if (File.Exists(Path.Combine(folder, "ranges.yaml"))) return false;
        using var held = RunFolderLock.Beside(folder);
        var s = Parameters.Settings;
        var ranges = RangesFor(variant);
        int done = 0;
        var dataset = DatasetGenerator.Generate(ranges, s.Structures, s.ImageEpochs, Parameters.Seed,
            () => progress?.Report(new JobProgress($"dataset {variant.Dataset}", Interlocked.Increment(ref done), s.Structures)));
        DatasetGenerator.Write(folder, dataset, ranges);
        return true;
    }

    /// <summary>Makes the evaluation series unless it exists; returns whether it was made now.</summary>
    public bool EnsureSeries(IProgress<JobProgress>? progress = null)
    {
        if (File.Exists(Path.Combine(SeriesFolder, "mask.png"))) return false;
        using var held = RunFolderLock.Beside(SeriesFolder);
        DoseSeries.Write(SeriesFolder, DoseSeries.Simulate(SeriesParameters, progress));
        return true;
    }

    /// <summary>Runs the analysis of every trained model on the series into RUN/evaluation; null when no model exists yet.</summary>
    public DoseLimitRunResult? Evaluate(IProgress<JobProgress>? progress = null)
    {
        var models = DoseLimitStudyVariant.All.Where(v => File.Exists(ModelPath(v))).ToList();
        foreach (var v in DoseLimitStudyVariant.All.Except(models)) Notice?.Invoke($"{v.Name}: no model yet ({ModelPath(v)}); left out of the evaluation");
        if (models.Count == 0) return null;
        var parameters = new DoseLimitRunParameters(models.Select(ModelPath).ToList(), Path.Combine(SeriesFolder, DoseSeries.ImagesFile), null,
            Path.Combine(SeriesFolder, DoseSeries.MasksFile), null, new DoseLimitOptions());
        return DoseLimitRun.Run(parameters, EvaluationFolder, progress, $"temkit study dose-limits (scale {Parameters.Scale})");
    }

    private static DoseLimitStudyVariant ArgumentNullCheck(DoseLimitStudyVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return variant;
    }
}
