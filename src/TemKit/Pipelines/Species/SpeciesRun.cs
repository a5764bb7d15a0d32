using TemKit.IO;
using TemKit.Neural.Models;
using TemKit.Neural.Training;

namespace TemKit.Pipelines.Species;

/// <summary>
/// Atomic species from HRTEM focal series (<c>temkit species</c>): per triplet, register the frames, normalise each,
/// run the 3-channel network, find typed columns (<see cref="ColumnFinder"/>), count them and the chalcogen vacancies.
/// </summary>
public static partial class SpeciesRun
{
    /// <summary>Class names used when the model file records none: the MX₂ classes for a 4-class model, else "class k".</summary>
    public static string[] DefaultClassNames(int classes) =>
        classes == 4 ? ["background", "Mo", "S2", "S1"] : [.. Enumerable.Range(0, classes).Select(k => k == 0 ? "background" : $"class {k}")];

    /// <summary>Runs the analysis; progress counts finished triplets. Throws <see cref="TemKitFormatException"/> for a bad
    /// input or model file (one line naming it).</summary>
    public static SpeciesResult Run(SpeciesParameters parameters, IProgress<JobProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Options.Validate();
        var checkpoint = ModelFile.Load(parameters.ModelPath);
        var network = checkpoint.Network;
        RequireFocalSeriesModel(parameters.ModelPath, network);
        var triplets = FocalSeriesInput.Read(parameters.Inputs);
        var notes = new List<string>();
        var names = ClassNamesOf(checkpoint);
        var frames = new List<SpeciesFrame>(triplets.Count);
        for (int i = 0; i < triplets.Count; i++)
        {
            var t = triplets[i];
            double px = ResolvePixelSize(t, parameters.Options, checkpoint.Input, notes);
            frames.Add(Analyse(network, t with { PixelSizeAngstrom = px }, i, parameters.Options));
            progress?.Report(new JobProgress("analysing focal series", i + 1, triplets.Count));
        }
        return new SpeciesResult(parameters.ModelPath, names, frames, notes);
    }

    /// <summary>The class names of a checkpoint (recorded, else <see cref="DefaultClassNames"/>).</summary>
    public static string[] ClassNamesOf(ModelCheckpoint checkpoint) =>
        checkpoint.Output.ClassNames is { } n && n.Count == checkpoint.Network.Classes ? [.. n] : DefaultClassNames(checkpoint.Network.Classes);

    /// <summary>Throws <see cref="TemKitFormatException"/> unless the network takes 3 input channels and has ≥ 2 classes.</summary>
    public static void RequireFocalSeriesModel(string path, ISegmentationNetwork network)
    {
        if (network.InputChannels != FocalSeriesInput.FramesPerTriplet)
            throw new TemKitFormatException(path, $"the model takes {network.InputChannels} input channel(s); a focal series needs a 3-channel model (train with --input-channels 3 on focal-series triplets)");
        if (network.Classes < 2)
            throw new TemKitFormatException(path, "the model has 1 output class (binary mask); species need a multi-class model (background + column types)");
    }

    private static double ResolvePixelSize(FocalTriplet t, SpeciesOptions options, ModelInput input, List<string> notes)
    {
        if (t.PixelSizeAngstrom > 0) return t.PixelSizeAngstrom;
        if (options.PixelSizeAngstrom is double given) return given;
        if (input.HasPixelSize)
        {
            string note = FormattableString.Invariant($"{t.Name}: no pixel size in the file; assumed the model's training pixel size {input.PixelSizeAngstrom:G4} Å/px");
            if (!notes.Contains(note)) notes.Add(note);
            return input.PixelSizeAngstrom!.Value;
        }
        throw new TemKitFormatException(t.Name, "no pixel size in the file or the model: give --pixel-size-angstrom");
    }

    /// <summary>
    /// Analyses one triplet with <paramref name="network"/> (3 input channels, or 1 for the middle frame alone): registration (when enabled), per-frame
    /// mean/std normalisation, class probabilities, columns, counts. Also the core of the validation study.
    /// </summary>
    public static SpeciesFrame Analyse(ISegmentationNetwork network, FocalTriplet triplet, int index, SpeciesOptions options)
    {
        options.Validate();
        int w = triplet.Width, h = triplet.Height, plane = w * h;
        var frames = triplet.Frames.Select(f => f.ToArray()).ToArray();
        var shifts = new (double X, double Y)[3];
        if (options.Register)
            foreach (int k in new[] { 0, 2 })
            {
                shifts[k] = TripletRegistration.Shift(frames[1], frames[k], w, h, options.MaxRegistrationShiftPixels);
                TripletRegistration.Undo(frames[k], w, h, shifts[k].X, shifts[k].Y);
            }
        var middle = frames[1].ToArray();
        // A 1-channel network (the single-image ablation) sees the middle frame only.
        var used = network.InputChannels == 1 ? [frames[1]] : frames;
        if (used.Length != network.InputChannels) throw new ArgumentException($"the network takes {network.InputChannels} channels; a triplet has 3 frames");
        var input = new float[used.Length * plane];
        for (int k = 0; k < used.Length; k++)
        {
            used[k].CopyTo(input.AsSpan(k * plane, plane));
            SegmentationSample.Normalise(input.AsSpan(k * plane, plane));
        }
        var probabilities = SpeciesInference.Probabilities(network, input, w, h);
        var finder = options.ResolvedFinder;
        var columns = ColumnFinder.Find(probabilities, w, h, network.Classes, triplet.PixelSizeAngstrom, finder);
        double margin = finder.EdgeMarginAngstrom;
        double area = Math.Max(0, w * triplet.PixelSizeAngstrom - 2 * margin) * Math.Max(0, h * triplet.PixelSizeAngstrom - 2 * margin) / 100;
        var classMap = new byte[plane];
        for (int p = 0; p < plane; p++)
        {
            int best = 0;
            for (int c = 1; c < network.Classes; c++) if (probabilities[c * plane + p] > probabilities[best * plane + p]) best = c;
            classMap[p] = (byte)best;
        }
        return new SpeciesFrame(index, triplet.Name, w, h, triplet.PixelSizeAngstrom, shifts, columns, SpeciesCounts.Of(columns, network.Classes, area), middle, classMap);
    }
}
