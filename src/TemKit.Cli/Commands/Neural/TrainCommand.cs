using System.CommandLine;
using TemKit.Numerics;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.IO;
using TemKit.Neural.Models;
using TemKit.Neural.Optimisers;
using TemKit.Neural.Training;

namespace TemKit.Cli.Commands.Neural;

/// <summary>`temkit train`: trains an MSD-net or U-Net on image/mask pairs and writes a checkpoint after every epoch.</summary>
internal sealed class TrainCommand : ICliCommand
{
    public Command Build()
    {
        var net = new NetworkOptions();
        var images = new Option<string>("--images") { Description = "Image stack (e.g. DS/images.mrc; a params.csv beside it gives each frame's pixel size, recorded in the model) or folder of MRC/DM/PNG images", Required = true };
        var masks = new Option<string>("--masks") { Description = "Mask stack or folder, paired with the images in order (value > 0 = particle)", Required = true };
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
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --output file that is not a TemKit model" };
        var cmd = new Command("train", "Train a segmentation network (MSD-net or U-Net as in Leth Larsen et al., supplementary A.1-A.2) on image/mask pairs")
        {
            images, masks, output, epochs, batch, crop, cropsPerImage, valFraction, seed, lr, noAugment, resume, force,
        };
        foreach (var o in net.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!, imagesPath = parse.GetValue(images)!, masksPath = parse.GetValue(masks)!;
            OutputPaths.RequireNotAnInput(outPath, "--output", imagesPath, masksPath);
            bool resuming = parse.GetValue(resume);
            if (!resuming) OutputPaths.RequireReplaceable(outPath, "--output", parse.GetValue(force), f => OutputPaths.StartsWith(f, ModelFile.Magic), "a TemKit model (.tkm)");
            OutputPaths.RequireWritable(outPath, "--output");
            using var held = RunLocks.Beside(outPath);
            bool Given(Option o) => parse.GetResult(o) is { Implicit: false };
            int nEpochs = parse.GetValue(epochs), nSeed = parse.GetValue(seed);

            ISegmentationNetwork network;
            Adam adam;
            TrainingState state;
            if (resuming)
            {
                if (!File.Exists(outPath)) throw new UsageException($"--resume: {outPath} does not exist");
                var checkpoint = ModelFile.Load(outPath);
                network = checkpoint.Network;
                adam = checkpoint.Optimiser ?? throw new TemKitFormatException(outPath, "no optimiser state to resume from (was it written by an older TemKit?)");
                state = checkpoint.Training ?? throw new TemKitFormatException(outPath, "no training state to resume from");
                if (state.Seed != nSeed && Given(seed)) throw new UsageException($"--seed {nSeed}: {outPath} was started with seed {state.Seed}; the seed cannot change on --resume");
                nSeed = state.Seed;
                if (net.All.Any(Given) && !Equals(net.Settings(parse, nSeed), ArchitectureOf(network)))
                    throw new UsageException($"--resume: the architecture options given differ from the {network.Kind} stored in {outPath}; the architecture cannot change on --resume");
                if (state.EpochsDone >= nEpochs) Console.Error.WriteLine($"note: {outPath} has already trained {state.EpochsDone} epochs; raise --epochs to train more");
                Console.Error.WriteLine($"Resuming {network.Kind} from epoch {state.EpochsDone} up to --epochs {nEpochs} " +
                    "(note: --epochs may change on --resume; the data, split, crop, batch, learning rate and architecture may not)");
            }
            else
            {
                network = NetworkFactory.Create(net.Settings(parse, nSeed));
                adam = new Adam(network.Parameters, new AdamParameters(LearningRate: parse.GetValue(lr)));
                state = new TrainingState(0, nSeed, []);
            }
            var stored = state.Run;
            T Value<T>(Option<T> option, Func<TrainingRun, T> fromStored) => stored != null && !Given(option) ? fromStored(stored) : parse.GetValue(option)!;
            double frac = Value(valFraction, r => r.ValidationFraction);
            TrainerParameters settings;
            Trainer trainer;
            try
            {
                settings = new TrainerParameters(nEpochs, Value(batch, r => r.BatchSize), Value(crop, r => r.CropSize), Value(cropsPerImage, r => r.CropsPerImage), nSeed,
                    stored != null && !Given(noAugment) ? stored.Augment : !parse.GetValue(noAugment), adam.Settings);
                trainer = new Trainer(network, adam, settings);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(ArgumentMessages.Plain(e));
            }

            var samples = SegmentationDataset.Load(imagesPath, masksPath, network.Classes);
            var small = samples.FirstOrDefault(s => s.Width < settings.CropSize || s.Height < settings.CropSize);
            if (small != null) throw new UsageException($"{small.Name} is {small.Width}x{small.Height}, smaller than --crop {settings.CropSize}");
            var run = new TrainingRun(SegmentationDataset.Fingerprint(samples), samples.Count, frac, settings.CropSize, settings.BatchSize, settings.CropsPerImage, settings.Augment,
                resuming && !Given(lr) ? adam.Settings.LearningRate : parse.GetValue(lr));
            if (resuming && stored is null) Console2.Warn($"{outPath} does not record what its run was started with (an older TemKit): data and settings are not checked");
            if (resuming && stored?.Differences(run) is { Count: > 0 } differences)
                throw new UsageException($"--resume: {outPath} was started with other data or settings ({string.Join("; ", differences)}); resume with the same ones, or train a new model file");
            var (train, validation) = SegmentationDataset.Split(samples, frac, nSeed);
            var input = ModelInput.FromPixelSizes(samples.Select(s => s.PixelSizeAngstrom));
            if (!input.HasPixelSize) Console2.Warn("the training images have no pixel size; the model cannot tell `temkit segment` which pixel size it expects");
            else Console.Error.WriteLine($"Training pixel size {input.DescribePixelSize()} (recorded in the model file)");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Training {network.Kind} ({network.Parameters.Sum(p => p.Value.Length):N0} weights) on {train.Count} images, validating on {validation.Count}"));

            string stem = outPath.EndsWith(".tkm", StringComparison.OrdinalIgnoreCase) ? outPath[..^4] : outPath;
            var history = state.History.ToList();
            for (int epoch = state.EpochsDone + 1; epoch <= nEpochs; epoch++)
            {
                EpochRecord record = null!;
                int e = epoch;
                try
                {
                    Console2.WithProgress($"epoch {e}/{nEpochs}", trainer.StepsPerEpoch(train.Count), advance => record = trainer.RunEpoch(e, train, validation, advance));
                }
                catch (TrainingDivergedException diverged)
                {
                    string kept = epoch > 1 ? $"{outPath} keeps epoch {epoch - 1}" : "no model was written";
                    Console2.Error($"{diverged.Message}; {kept}; try a smaller --lr (now {adam.Settings.LearningRate.ToString("G3", CultureInfo.InvariantCulture)}) or check the data");
                    return ExitCodes.InputFailed;
                }
                history.Add(record);
                state = new TrainingState(epoch, nSeed, history.ToArray(), run);
                ModelFile.Save(outPath, network, adam, state, input);
                LearningCurve.WriteCsv(stem + ".history.csv", history);
                LearningCurve.WriteSvg(stem + ".learning-curve.svg", history, $"{network.Kind} learning curve");
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {epoch}/{nEpochs}: train loss {record.TrainLoss:F4}, validation loss {record.ValidationLoss:F4}, validation F1 {record.ValidationF1:F3} ({record.Seconds:F1} s)"));
            }
            Console.WriteLine(outPath);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>The parameter record of a loaded network (compared with the architecture options given on --resume).</summary>
    private static object ArchitectureOf(ISegmentationNetwork network) => network switch
    {
        MsdNet m => m.Settings,
        UNet u => u.Settings,
        _ => network.Kind,
    };
}
