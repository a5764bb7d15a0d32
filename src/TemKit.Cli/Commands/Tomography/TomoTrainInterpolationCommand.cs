using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TemKit.Cli.Infrastructure;
using TemKit.Neural.Optimisers;
using TemKit.Numerics;
using TemKit.Pipelines.Interpolation;
using TemKit.Tomography.Interpolation;

namespace TemKit.Cli.Commands.Tomography;

/// <summary><c>temkit tomo train-interpolation</c>: train the learned frame interpolator on a tilt dataset.</summary>
internal static class TomoTrainInterpolationCommand
{
    public static Command Build()
    {
        var dataset = new Argument<string>("DATASET") { Description = "Tilt dataset folder (temkit simulate tilt-dataset): its train split trains, its validation split validates" };
        var output = new Option<string>("--output", "-o") { Description = "Model file (.tkm), rewritten after every epoch; MODEL.history.csv and MODEL.learning-curve.svg beside it", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Total epochs (a resumed run continues up to this number)", DefaultValueFactory = _ => 20 }.Whole(1, 100000, "epochs");
        var resume = new Option<bool>("--resume") { Description = "Continue the run saved in --output" };
        var maxMinutes = new Option<double>("--max-minutes") { Description = "Start no new epoch once this wall time has passed (min; 0 = no limit); resume later with --resume", DefaultValueFactory = _ => 0 }.Within(Limits.NonNegative(100000, "min"));
        var architecture = new Option<string>("--architecture")
        {
            Description = "residual: fully convolutional, predicts a correction to the linear average (any frame size); seed: seed 002's model, " +
                "convolutional down-sampling then dense layers reshaped into the frame (fixed to the dataset's frame size, trains on whole frames)",
            DefaultValueFactory = _ => "residual",
        };
        architecture.AcceptOnlyFromAmong("residual", "seed");
        var width = new Option<int>("--width") { Description = "Channels of each hidden layer (residual) or of the first down-sampling level, doubling per level (seed)", DefaultValueFactory = _ => 16 }.Whole(1, 512, "channels");
        var dilations = new Option<string>("--dilations") { Description = "Dilation (px) of each hidden 3x3 layer, comma-separated (residual)", DefaultValueFactory = _ => "1,2,4,2,1" };
        var levels = new Option<int>("--levels") { Description = "Down-sampling levels, each a 3x3 convolution, PReLU and 2x2 max pooling (seed)", DefaultValueFactory = _ => 3 }.Whole(1, 8, "levels");
        var hidden = new Option<int>("--hidden-units") { Description = "Units of the hidden dense layer (seed)", DefaultValueFactory = _ => 256 }.Whole(1, 65536, "units");
        var validationFrames = new Option<int>("--validation-frames") { Description = "Whole validation frames per validation cluster, dose and gap", DefaultValueFactory = _ => 2 }.Whole(1, 1000, "frames");
        var gaps = new Option<string>("--gaps") { Description = "Gaps d (frames) between each input and the target, comma-separated", DefaultValueFactory = _ => "1,2,4" };
        var doses = new Option<string>("--doses") { Description = "Input doses (e/Å², comma-separated; 0 = noise-free); the target is always noise-free", DefaultValueFactory = _ => "0,1000,3000,10000" };
        var samples = new Option<int>("--samples-per-cluster") { Description = "Random (dose, gap, frame) samples per cluster and epoch", DefaultValueFactory = _ => 24 }.Whole(1, 100000, "samples");
        var crop = new Option<int?>("--crop") { Description = "Training crop edge (px; default 32 for residual, the whole frame for seed, which takes only that)" }.Whole(8, 4096, "px");
        var batch = new Option<int>("--batch") { Description = "Crops per optimiser step", DefaultValueFactory = _ => 8 }.Whole(1, 1024, "crops");
        var rate = new Option<double>("--learning-rate") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3 }.Within(AdamParameters.LearningRateLimits);
        var seed = new Option<int>("--seed") { Description = "Seed of weights, sample draws and noise", DefaultValueFactory = _ => 1 }.AnyValue();
        var decay = new LearningRateDecayOptions();
        var command = new Command("train-interpolation", "Train the learned frame interpolator (by default a residual fully convolutional network on frames i and i+2d and the gap, " +
            "predicting a correction to their mean; --architecture seed for seed 002's conv + dense model) on a simulated tilt dataset; MSE loss relative to linear interpolation's, " +
            "frames mapped with the inputs' shared min-max range; resumable; MODEL.history.csv and MODEL.learning-curve.svg beside the model.")
        {
            dataset, output, epochs, resume, maxMinutes, architecture, width, dilations, levels, hidden, validationFrames, gaps, doses, samples, crop, batch, rate, seed,
        };
        foreach (var o in decay.All) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string model = OutputPaths.RequireExtension(parse.GetValue(output)!, "--output", ".tkm");
            bool resuming = parse.GetValue(resume);
            if (!resuming && File.Exists(model)) throw new UsageException($"--output {model} exists: give --resume to continue it or choose a new file");
            var parameters = new InterpolationTrainingParameters
            {
                DatasetFolder = parse.GetValue(dataset)!,
                ModelPath = model,
                Network = new InterpolationNetworkParameters
                {
                    Architecture = parse.GetValue(architecture) == "seed" ? InterpolationArchitecture.Seed : InterpolationArchitecture.Residual,
                    Levels = parse.GetValue(levels),
                    HiddenUnits = parse.GetValue(hidden),
                    Width = parse.GetValue(width),
                    Dilations = ParseList(parse.GetValue(dilations)!, "--dilations").Select(v => (int)v).ToArray(),
                    Seed = parse.GetValue(seed),
                },
                ValidationFramesPerSeries = parse.GetValue(validationFrames),
                Sampling = new InterpolationSampling
                {
                    GapsFrames = ParseList(parse.GetValue(gaps)!, "--gaps").Select(v => (int)v).ToArray(),
                    DosesElectronsPerAngstrom2 = ParseList(parse.GetValue(doses)!, "--doses"),
                    SamplesPerCluster = parse.GetValue(samples),
                    Seed = parse.GetValue(seed),
                },
                Epochs = parse.GetValue(epochs),
                CropPx = parse.GetValue(crop),
                BatchSize = parse.GetValue(batch),
                Adam = new AdamParameters(parse.GetValue(rate)),
                Resume = resuming,
                Decay = decay.Parse(parse),
                MaxSeconds = 60 * parse.GetValue(maxMinutes),
            };
            using var held = RunLocks.Beside(model);
            InterpolationTrainingResult result;
            try
            {
                result = Console2.RunWithProgress(progress => InterpolationTraining.Run(parameters, progress, default, e => Console2.ErrorLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {e.Epoch}/{parameters.Epochs}: train loss {e.TrainLoss:G4}, validation MSE {Metric(e, InterpolationMetrics.ValidationMse):G4} " +
                    $"(linear {Metric(e, InterpolationMetrics.ValidationLinearMse):G4}, gain {Metric(e, InterpolationMetrics.GainDb):F2} dB; worst group {Metric(e, InterpolationMetrics.WorstGainDb):F2} dB){Rate(e)}, {e.Seconds:F0} s"))));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(ArgumentMessages.Plain(e));
            }
            string stop = result.StoppedByTimeLimit ? " (time limit: resume with --resume)" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model}: {result.Model.History.Count} epochs ({result.EpochsRun} now, {result.Seconds:F0} s){stop}; learning curve {Path.ChangeExtension(model, ".history.csv")}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>", learning rate X" when the epoch ran under a decay schedule, else empty.</summary>
    private static string Rate(TemKit.Neural.Models.EpochRecord e) =>
        e.Metrics is { } m && m.TryGetValue(TemKit.Pipelines.Training.TrainingJob.LearningRateMetric, out double v) ? string.Create(CultureInfo.InvariantCulture, $", learning rate {v:G3}") : "";

    private static double Metric(TemKit.Neural.Models.EpochRecord e, string key) => e.Metrics is { } m && m.TryGetValue(key, out double v) ? v : double.NaN;

    internal static double[] ParseList(string text, string option)
    {
        var values = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            values.Add(double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new UsageException($"{option} {text}: '{part}' is not a number"));
        if (values.Count == 0) throw new UsageException($"{option}: give at least one value");
        return [.. values];
    }
}
