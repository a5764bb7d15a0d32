using System.CommandLine;
using TemKit.Numerics;
using TemKit.Optics;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.CtfEstimation.Spectrum;
using TemKit.Pipelines.Defocus;

namespace TemKit.Cli.Commands.Defocus;

/// <summary>
/// The options shared by `temkit defocus` and `temkit slurm defocus`: microscope constants, spectrum, search ranges
/// and profile settings. Reads them into a <see cref="DefocusRunOptions"/> and writes them back as arguments.
/// </summary>
internal sealed class DefocusOptionSet
{
    private static readonly DefocusRunOptions s_defaults = new();

    public OpticsOptionSet Optics { get; } = new();
    public AliasedOption<double?> PixelSize { get; } = SharedOptions.PixelSizeAngstrom("Pixel size (Å); overrides the file header", "--pixel-size-A").Within(OpticsLimits.PixelSizeAngstrom);
    public Option<bool> PowerSpectrum { get; } = new("--power-spectrum") { Description = "Inputs are precomputed centred power spectra (DC at the centre, as RELION/CTFFIND write them)" };
    public Option<bool> AmplitudeSpectrum { get; } = new("--amplitude-spectrum") { Description = "With --power-spectrum: the spectra hold amplitudes |F|, not |F|²" };
    public Option<bool> Average { get; } = new("--average") { Description = "Average all frames of a stack (default: first frame)" };
    public AliasedOption<int> TileSize { get; } = SharedOptions.TileSizePx("Tile size of the averaged periodogram (px)", s_defaults.TileSizePx, "--tile-size").Within(PowerSpectrumOptions.TileSizeLimits);
    public Option<int> Bin { get; } = new Option<int>("--bin") { Description = "Bin the image by this factor before tiling (0 = automatic, 1 = none)", DefaultValueFactory = _ => s_defaults.BinFactor }.Within(PowerSpectrumOptions.BinFactorLimits);
    public AliasedOption<double> MinDefocus { get; } = SharedOptions.Renamed(new Option<double>("--min-defocus-angstrom") { Description = "Smallest mean defocus searched (Å, underfocus positive); with --max-defocus-angstrom it also sets the fit score's band (docs/defocus.md)", DefaultValueFactory = _ => s_defaults.MinDefocusAngstrom }, "--min-defocus-A").Within(OpticsLimits.DefocusSearchAngstrom);
    public AliasedOption<double> MaxDefocus { get; } = SharedOptions.Renamed(new Option<double>("--max-defocus-angstrom") { Description = "Largest mean defocus searched (Å); a range whose rings share a resolved band makes scores comparable across defocus", DefaultValueFactory = _ => s_defaults.MaxDefocusAngstrom }, "--max-defocus-A").Within(OpticsLimits.DefocusSearchAngstrom);
    public AliasedOption<double> MinResolution { get; } = SharedOptions.Renamed(new Option<double>("--min-resolution-angstrom") { Description = "Coarsest spacing used by the fit (Å)", DefaultValueFactory = _ => s_defaults.MinResolutionAngstrom }, "--min-resolution-A").Within(OpticsLimits.ResolutionAngstrom);
    public AliasedOption<double> MaxResolution { get; } = SharedOptions.Renamed(new Option<double>("--max-resolution-angstrom") { Description = "Finest spacing used by the fit (Å; 0 = 0.9 of Nyquist)", DefaultValueFactory = _ => s_defaults.MaxResolutionAngstrom }, "--max-resolution-A").Within(Limits.NonNegative(OpticsLimits.ResolutionAngstrom.Max, "Å (0 = automatic)"));
    public AliasedOption<double> ExpectedAstigmatism { get; } = SharedOptions.Renamed(new Option<double>("--expected-astigmatism-angstrom") { Description = "Astigmatism restraint: SD of the expected |Δf1 − Δf2| (Å), CTFFIND's restraint (Mindell & Grigorieff 2003; Rohou & Grigorieff 2015); stops noise from reporting spurious astigmatism; 0 = off", DefaultValueFactory = _ => s_defaults.ExpectedAstigmatismAngstrom }, "--expected-astigmatism-A").Within(Limits.NonNegative(1e5, "Å (0 = no restraint)"));
    public Option<double> Sigma { get; } = new Option<double>("--smoothing-sigma-px") { Description = "Gaussian sigma of the profile smoothing (px)", DefaultValueFactory = _ => s_defaults.SmoothingSigmaPx }.Within(DefocusRunOptions.SmoothingSigmaLimits);
    public Option<double> Prominence { get; } = new Option<double>("--min-prominence") { Description = "Keep rings with prominence ≥ this fraction of the strongest (0..1)", DefaultValueFactory = _ => s_defaults.MinRelativeProminence }.Within(Limits.Fraction);

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [.. Optics.All, PixelSize.Option, .. PixelSize.Legacy, PowerSpectrum, AmplitudeSpectrum, Average,
        TileSize.Option, .. TileSize.Legacy, Bin, MinDefocus.Option, .. MinDefocus.Legacy, MaxDefocus.Option, .. MaxDefocus.Legacy, MinResolution.Option, .. MinResolution.Legacy,
        MaxResolution.Option, .. MaxResolution.Legacy, ExpectedAstigmatism.Option, .. ExpectedAstigmatism.Legacy, Sigma, Prominence];

    /// <summary>Reads the options; an invalid value is a usage error naming it.</summary>
    public DefocusRunOptions Read(ParseResult parse)
    {
        var options = new DefocusRunOptions
        {
            Optics = Optics.Read(parse),
            PixelSizeAngstrom = PixelSize.Get(parse),
            InputIsPowerSpectrum = parse.GetValue(PowerSpectrum),
            SpectrumIsAmplitude = parse.GetValue(AmplitudeSpectrum),
            AverageFrames = parse.GetValue(Average),
            TileSizePx = TileSize.Get(parse),
            BinFactor = parse.GetValue(Bin),
            MinDefocusAngstrom = MinDefocus.Get(parse),
            MaxDefocusAngstrom = MaxDefocus.Get(parse),
            MinResolutionAngstrom = MinResolution.Get(parse),
            MaxResolutionAngstrom = MaxResolution.Get(parse),
            ExpectedAstigmatismAngstrom = ExpectedAstigmatism.Get(parse),
            SmoothingSigmaPx = parse.GetValue(Sigma),
            MinRelativeProminence = parse.GetValue(Prominence),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException($"invalid option {e.ParamName}: {e.Message.Split(Environment.NewLine)[0]}");
        }
        return options;
    }

    /// <summary>The command-line arguments that reproduce <paramref name="o"/> (for job scripts).</summary>
    public static List<string> ToArguments(DefocusRunOptions o)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        List<string> args =
        [
            .. OpticsOptionSet.Arguments(o.Optics),
            "--tile-size-px", o.TileSizePx.ToString(CultureInfo.InvariantCulture), "--bin", o.BinFactor.ToString(CultureInfo.InvariantCulture),
            "--min-defocus-angstrom", N(o.MinDefocusAngstrom), "--max-defocus-angstrom", N(o.MaxDefocusAngstrom),
            "--min-resolution-angstrom", N(o.MinResolutionAngstrom), "--max-resolution-angstrom", N(o.MaxResolutionAngstrom),
            "--expected-astigmatism-angstrom", N(o.ExpectedAstigmatismAngstrom),
            "--smoothing-sigma-px", N(o.SmoothingSigmaPx), "--min-prominence", N(o.MinRelativeProminence),
        ];
        if (o.PixelSizeAngstrom is { } p) args.AddRange(["--pixel-size-angstrom", N(p)]);
        if (o.InputIsPowerSpectrum) args.Add("--power-spectrum");
        if (o.SpectrumIsAmplitude) args.Add("--amplitude-spectrum");
        if (o.AverageFrames) args.Add("--average");
        return args;
    }
}
