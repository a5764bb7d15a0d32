using System.CommandLine;
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
        var epochs = new Option<int>("--epochs") { Description = "Total epochs", DefaultValueFactory = _ => 50 };
        var batch = new Option<int>("--batch") { Description = "Crops per optimiser step", DefaultValueFactory = _ => 4 };
        var crop = new Option<int>("--crop") { Description = "Side of the random square training crops (px)", DefaultValueFactory = _ => 256 };
        var cropsPerImage = new Option<int>("--crops-per-image") { Description = "Crops drawn from each training image per epoch", DefaultValueFactory = _ => 1 };
        var valFraction = new Option<double>("--val-fraction") { Description = "Fraction of the images held out for validation", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, dilations, split, crops and augmentation", DefaultValueFactory = _ => 1 };
        var lr = new Option<double>("--lr") { Description = "Adam (AMSGrad) learning rate", DefaultValueFactory = _ => 1e-3 };
        var noAugment = new Option<bool>("--no-augment") { Description = "Disable random flips and 90° rotations" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run stored in the --output model file (same data and seed) up to --epochs" };
        var cmd = new Command("train", "Train a segmentation network (MSD-net or U-Net as in Leth Larsen et al., supplementary A.1-A.2) on image/mask pairs")
        {
            images, masks, output, epochs, batch, crop, cropsPerImage, valFraction, seed, lr, noAugment, resume,
        };
        foreach (var o in net.All) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!;
            int nEpochs = parse.GetValue(epochs), nSeed = parse.GetValue(seed);
            if (nEpochs < 1) throw new UsageException("--epochs must be at least 1");
            double frac = parse.GetValue(valFraction);
            if (frac < 0 || frac >= 1) throw new UsageException($"--val-fraction {frac} must be in [0, 1)");

            ISegmentationNetwork network;
            Adam adam;
            TrainingState state;
            if (parse.GetValue(resume))
            {
                if (!File.Exists(outPath)) throw new UsageException($"--resume: {outPath} does not exist");
                var checkpoint = ModelFile.Load(outPath);
                network = checkpoint.Network;
                adam = checkpoint.Optimiser ?? throw new TemKitFormatException(outPath, "no optimiser state to resume from (was it written by an older TemKit?)");
                state = checkpoint.Training ?? throw new TemKitFormatException(outPath, "no training state to resume from");
                if (state.Seed != nSeed) Console2.Warn($"resuming with the stored seed {state.Seed}, not --seed {nSeed}");
                nSeed = state.Seed;
                Console.Error.WriteLine($"Resuming {network.Kind} from epoch {state.EpochsDone}");
            }
            else
            {
                network = NetworkFactory.Create(net.Settings(parse, nSeed));
                adam = new Adam(network.Parameters, new AdamParameters(LearningRate: parse.GetValue(lr)));
                state = new TrainingState(0, nSeed, []);
            }
            TrainerParameters settings;
            Trainer trainer;
            try
            {
                settings = new TrainerParameters(nEpochs, parse.GetValue(batch), parse.GetValue(crop), parse.GetValue(cropsPerImage), nSeed, !parse.GetValue(noAugment), adam.Settings);
                trainer = new Trainer(network, adam, settings);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            var samples = SegmentationDataset.Load(parse.GetValue(images)!, parse.GetValue(masks)!, network.Classes);
            var small = samples.FirstOrDefault(s => s.Width < settings.CropSize || s.Height < settings.CropSize);
            if (small != null) throw new UsageException($"{small.Name} is {small.Width}x{small.Height}, smaller than --crop {settings.CropSize}");
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
                Console2.WithProgress($"epoch {e}/{nEpochs}", trainer.StepsPerEpoch(train.Count), advance => record = trainer.RunEpoch(e, train, validation, advance));
                history.Add(record);
                state = new TrainingState(epoch, nSeed, history.ToArray());
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
}
