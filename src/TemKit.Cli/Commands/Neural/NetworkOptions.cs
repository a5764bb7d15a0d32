using System.CommandLine;
using TemKit.Cli.Infrastructure;
using TemKit.Neural.Convolution;
using TemKit.Neural.Losses;
using TemKit.Neural.Models;

namespace TemKit.Cli.Commands.Neural;

/// <summary>Architecture options shared by `temkit train` and `temkit bench`.</summary>
internal sealed class NetworkOptions
{
    public Option<string> Net { get; } = new("--net") { Description = "Network: msd (Mixed-Scale Dense) or unet", DefaultValueFactory = _ => "msd" };
    public Option<int?> Depth { get; } = new Option<int?>("--depth") { Description = "MSD-net layers (default 50)" }.Whole(1, 1000, "layers");
    public Option<int?> Width { get; } = new Option<int?>("--width") { Description = "MSD-net channels per layer (default 1) or U-Net base channels (default 32)" }.Whole(1, 1024, "channels");
    public Option<int?> Kernel { get; } = new Option<int?>("--kernel") { Description = "Kernel size in pixels (MSD default 9, U-Net default 5)" }.Whole(1, 63, "px");
    public Option<int> MaxDilation { get; } = new Option<int>("--max-dilation") { Description = "MSD-net dilations are drawn from 1..N", DefaultValueFactory = _ => 10 }.Whole(1, 1000, "");
    public Option<int> Levels { get; } = new Option<int>("--levels") { Description = "U-Net resolution levels", DefaultValueFactory = _ => 3 }.Whole(1, 10, "levels");
    public Option<string> Padding { get; } = new("--unet-padding") { Description = "U-Net convolution padding: zero or reflect", DefaultValueFactory = _ => "zero" };
    public Option<int> Classes { get; } = new Option<int>("--classes") { Description = "Output channels: classes (1 = binary mask), or regressed maps with --loss mse", DefaultValueFactory = _ => 1 }.Whole(1, 256, "classes");
    public Option<int> InputChannels { get; } = new Option<int>("--input-channels") { Description = "Input channels (e.g. 3 for a focal series; every C consecutive image frames are one sample)", DefaultValueFactory = _ => 1 }.Whole(1, 64, "channels");
    public Option<string> Loss { get; } = new("--loss") { Description = "ce: segmentation (sigmoid/softmax cross-entropy); mse: regression of --classes target maps (mean squared error)", DefaultValueFactory = _ => "ce" };

    public IEnumerable<Option> All => [Net, Depth, Width, Kernel, MaxDilation, Levels, Padding, Classes, InputChannels, Loss];

    /// <summary>Input channels, output channels and loss of a parameter record.</summary>
    public static (int InputChannels, int Classes, LossKind Loss) Shape(object settings) => settings switch
    {
        MsdNetParameters m => (m.InputChannels, m.Classes, m.Loss),
        UNetParameters u => (u.InputChannels, u.Classes, u.Loss),
        _ => throw new ArgumentException($"unknown network settings {settings.GetType().Name}", nameof(settings)),
    };

    /// <summary>The parameter record chosen on the command line.</summary>
    public object Settings(ParseResult parse, int seed)
    {
        string net = parse.GetValue(Net)!.ToLowerInvariant();
        int classes = parse.GetValue(Classes), channels = parse.GetValue(InputChannels);
        if (classes < 1) throw new UsageException($"--classes {classes} must be at least 1");
        var loss = parse.GetValue(Loss)!.ToLowerInvariant() switch
        {
            "ce" => LossKind.CrossEntropy,
            "mse" => LossKind.MeanSquaredError,
            var l => throw new UsageException($"--loss {l}: use ce or mse"),
        };
        try
        {
            object settings = net switch
            {
                "msd" => new MsdNetParameters(parse.GetValue(Depth) ?? 50, parse.GetValue(Width) ?? 1, parse.GetValue(Kernel) ?? 9, parse.GetValue(MaxDilation), channels, classes, seed, loss),
                "unet" => new UNetParameters(parse.GetValue(Width) ?? 32, parse.GetValue(Levels), parse.GetValue(Kernel) ?? 5,
                    parse.GetValue(Padding)!.ToLowerInvariant() switch
                    {
                        "zero" => PaddingMode.Zero,
                        "reflect" => PaddingMode.Reflect,
                        var p => throw new UsageException($"--unet-padding {p}: use zero or reflect"),
                    }, channels, classes, seed, loss),
                _ => throw new UsageException($"--net {net}: use msd or unet"),
            };
            if (settings is MsdNetParameters m) m.Validate();
            if (settings is UNetParameters u) u.Validate();
            return settings;
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e is ArgumentException a ? ArgumentMessages.Plain(a) : e.Message);
        }
    }
}
