using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;
using TemKit.Pipelines.Defocus;
using TemKit.Pipelines.Training;
using TemKit.Numerics;

namespace TemKit.Cli.Commands.Neural;

/// <summary>`temkit train`: parses options and runs <see cref="TrainingJob"/> (a checkpoint after every epoch).</summary>
internal sealed class TrainCommand : ICliCommand
{
    public Command Build()
    {
        var net = new NetworkOptions();
        var decay = new LearningRateDecayOptions();
        var images = new Option<string>("--images") { Description = "Image stack (e.g. DS/images.mrc; a params.csv beside it gives each frame's pixel size, recorded in the model) or folder of MRC/DM/PNG images; with --input-channels C, every C consecutive frames are one sample", Required = true };
        var masks = new Option<string>("--masks") { Description = "Mask stack or folder, paired with the images in order (value > 0 = particle; class index with --classes > 1; with --loss mse the target values, --classes frames per sample)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Model file to write (MODEL.tkm); also MODEL.history.csv and MODEL.learning-curve.svg", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Total epochs", DefaultValueFactory = _ => 50 }.Whole(1, 100_000, "epochs");
        var batch = new Option<int>("--batch") { Description = "Crops per optimiser step", DefaultValueFactory = _ => 4 }.Whole(1, 4096, "crops");
        var crop = new Option<int>("--crop") { Description = "Side of the random square training crops (px)", DefaultValueFactory = _ => 256 }.Whole(8, 16384, "px");
        var cropsPerImage = new Option<int>("--crops-per-image") { Description = "Crops drawn from each training image per epoch", DefaultValueFactory = _ => 1 }.Whole(1, 10_000, "crops");
        var valFraction = new Option<double>("--val-fraction") { Description = "Fraction of the images held out for validation", DefaultValueFactory = _ => 0.1 }.Within(new Limits(0, 1, "", MaxExclusive: true));
        var seed = new Option<int>("--seed") { Description = "Seed of weights, dilations, split, crops and augmentation", DefaultValueFactory = _ => 1 }.AnyValue();
        var lr = new Option<double>("--lr") { Description = "Adam (AMSGrad) learning rate", DefaultValueFactory = _ => 1e-3 }.Within(AdamParameters.LearningRateLimits);
        var noAugment = new Option<bool>("--no-augment") { Description = "Disable random flips and 90° rotations" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run stored in the --output model file up to --epochs (same data and settings; options not given keep the stored values)" };
        var init = new Option<string?>("--init") { Description = "Start a new run from the weights of this model file (fine-tuning on other data) instead of random weights; its architecture is kept (network options, if given, must match it); optimiser and epochs start afresh. Not with --resume" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --output file that is not a TemKit model" };
        var classWeights = new Option<string?>("--class-weights") { Description = "Cross-entropy weight per class, comma-separated (e.g. 1,2,2,20 to lift a rare S1 class); default all 1" };
        var classNames = new Option<string?>("--class-names") { Description = "Names of the classes, comma-separated, recorded in the model (default: classes.txt beside --masks when it has one line per class, as simulate dataset --kind focal-series writes)" };
        var defocusFrom = new Option<string?>("--defocus-from") { Description = "Condition the network on defocus: folder of a `temkit defocus` run over the --images folder; each image's measured mean defocus becomes a constant last input channel (µm, passed through, not standardised) and the model records it, so `segment --defocus-from` fills it per image. Needs --input-channels 2 (image + defocus)" };
        var binFactor = new Option<int>("--bin-factor") { Description = "Train at this many times the images' pixel size: images area-averaged and masks majority-voted onto a grid this many times coarser (the resampling `segment` and `particles` apply to a frame finer than the model), the coarser pixel size recorded in the model; e.g. 8 for the particle detector of `temkit particles`", DefaultValueFactory = _ => 1 }.Whole(1, 64, "x");
        var cmd = new Command("train", "Train a segmentation network (MSD-net or U-Net as in Leth Larsen et al., supplementary A.1-A.2) on image/mask pairs")
        {
            images, masks, output, epochs, batch, crop, cropsPerImage, valFraction, seed, lr, noAugment, resume, init, force, classWeights, classNames, defocusFrom, binFactor,
        };
        foreach (var o in net.All) cmd.Options.Add(o);
        foreach (var o in decay.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!, imagesPath = parse.GetValue(images)!, masksPath = parse.GetValue(masks)!;
            var lrDecay = decay.Parse(parse);
            OutputPaths.RequireNotAnInput(outPath, "--output", imagesPath, masksPath);
            bool resuming = parse.GetValue(resume);
            if (!resuming) OutputPaths.RequireReplaceable(outPath, "--output", parse.GetValue(force), f => OutputPaths.StartsWith(f, ModelFile.Magic), "a TemKit model (.tkm)");
            if (resuming && !File.Exists(outPath)) throw new UsageException($"--resume: {outPath} does not exist");
            string? initPath = parse.GetValue(init);
            if (initPath is not null && resuming) throw new UsageException("--init starts a new run from a model's weights; to continue this run give --resume alone");
            if (initPath is not null && !File.Exists(initPath)) throw new UsageException($"--init: {initPath} does not exist");
            if (initPath is not null) OutputPaths.RequireNotAnInput(outPath, "--output", initPath);
            OutputPaths.RequireWritable(outPath, "--output");
            using var held = RunLocks.Beside(outPath);
            bool Given(Option o) => parse.GetResult(o) is { Implicit: false };

            // On --resume, options not given keep the values the run was started with.
            var stored = resuming ? ModelFile.Load(outPath) : null;
            var initial = initPath is not null ? ModelFile.Load(initPath) : null;
            var storedRun = stored?.Training?.Run;
            if (resuming && stored!.Training is { } st && st.Seed != parse.GetValue(seed) && Given(seed))
                throw new UsageException($"--seed {parse.GetValue(seed)}: {outPath} was started with seed {st.Seed}; the seed cannot change on --resume");
            int nSeed = stored?.Training?.Seed ?? parse.GetValue(seed);
            T Value<T>(Option<T> option, Func<TrainingRun, T> fromStored) => storedRun != null && !Given(option) ? fromStored(storedRun) : parse.GetValue(option)!;
            object? architecture = (!resuming && initial is null) || net.All.Any(Given) ? net.Settings(parse, nSeed) : null;
            var shape = architecture ?? TrainingJob.Architecture((stored ?? initial)!.Network);
            var (inputChannels, classes, loss) = NetworkOptions.Shape(shape);
            AdamParameters? adam = !resuming || Given(lr) ? new AdamParameters(LearningRate: parse.GetValue(lr)) : null;
            var settings = new TrainerParameters(parse.GetValue(epochs), Value(batch, r => r.BatchSize), Value(crop, r => r.CropSize), Value(cropsPerImage, r => r.CropsPerImage), nSeed,
                storedRun != null && !Given(noAugment) ? storedRun.Augment : !parse.GetValue(noAugment), adam,
                ClassLists.Weights(parse.GetValue(classWeights), classes));
            var modelOutput = ClassLists.Output(parse.GetValue(classNames), masksPath, classes);

            if (resuming) Console.Error.WriteLine("note: --epochs may change on --resume; the data, split, crop, batch, learning rate and architecture may not");
            string? defocusRun = parse.GetValue(defocusFrom);
            bool storedDefocus = stored?.Input.Quantities.Contains(InputChannel.DefocusAngstrom) == true;
            if (resuming && storedDefocus != (defocusRun is not null))
                throw new UsageException(storedDefocus ? $"--resume: {outPath} takes a defocus channel; give the same --defocus-from RUN" : $"--defocus-from: {outPath} was started without a defocus channel");
            if (defocusRun is not null && inputChannels < 2)
                throw new UsageException($"--defocus-from needs --input-channels 2 or more (the image channels plus one defocus channel); the network has {inputChannels}");
            List<TemKit.Neural.Training.SegmentationSample> samples;
            try
            {
                samples = SegmentationDataset.Load(imagesPath, masksPath, classes, defocusRun is null ? inputChannels : inputChannels - 1, loss, binFactor: parse.GetValue(binFactor));
            }
            catch (ArgumentException e) when (e.ParamName == "binFactor")
            {
                throw new UsageException($"--bin-factor: {ArgumentMessages.Plain(e)}");
            }
            IReadOnlyList<InputChannel>? channelModes = null;
            if (defocusRun is not null)
            {
                MeasuredDefocus run;
                try
                {
                    run = MeasuredDefocus.Load(defocusRun);
                }
                catch (MeasuredDefocusException e)
                {
                    throw new UsageException($"--defocus-from: {e.Message}");
                }
                try
                {
                    samples = DefocusChannel.Append(samples, imagesPath, run);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException($"--defocus-from {defocusRun}: {ArgumentMessages.Plain(e)}");
                }
                catch (MeasuredDefocusException e)
                {
                    Console2.Error($"--defocus-from: {e.Message}");
                    return ExitCodes.InputFailed;
                }
                channelModes = DefocusChannel.Channels(inputChannels - 1);
            }
            TrainingJob job;
            try
            {
                job = new TrainingJob(new TrainingJobParameters(outPath, samples, architecture, settings, Value(valFraction, r => r.ValidationFraction), resuming, modelOutput) { InputChannels = channelModes, InitialModelPath = initPath, Decay = lrDecay })
                {
                    Note = note => Console2.Warn(note),
                    EpochDone = record => Console2.ErrorLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {record.Epoch}/{settings.Epochs}: train loss {record.TrainLoss:G4}, validation loss {record.ValidationLoss:G4}, validation F1 {record.ValidationF1:F3} ({record.Seconds:F1} s)")),
                };
            }
            catch (ArgumentException e)
            {
                throw new UsageException(ArgumentMessages.Plain(e));
            }
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Training on {samples.Count} samples ({samples[0].Width}x{samples[0].Height} px, {inputChannels} channel(s)), {settings.Epochs} epochs; model {outPath}"));
            try
            {
                var result = Console2.RunWithProgress(progress => job.Run(progress));
                if (result.Input.HasPixelSize) Console.Error.WriteLine($"Training pixel size {result.Input.DescribePixelSize()} (recorded in the model file)");
            }
            catch (ArgumentException e)
            {
                throw new UsageException((resuming ? "--resume: " : "") + ArgumentMessages.Plain(e));
            }
            catch (TrainingDivergedException diverged)
            {
                string kept = diverged.Epoch > 1 ? $"{outPath} keeps epoch {diverged.Epoch - 1}" : "no model was written";
                Console2.Error($"{diverged.Message}; {kept}; try a smaller --lr or check the data");
                return ExitCodes.InputFailed;
            }
            Console.WriteLine(outPath);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
