using System.CommandLine;
using System.Globalization;
using TemKit.Cli.Infrastructure;
using TemKit.Numerics;
using TemKit.Optics;
using TemKit.Simulation.Stem;

namespace TemKit.Cli.Commands.Simulation;

/// <summary>The probe, detector and method options shared by <c>simulate stem</c>, <c>tilt-series</c> and <c>tilt-dataset</c>.</summary>
internal sealed class StemOptionSet
{
    private readonly Option<string> _method;
    private readonly Option<double> _voltage = new Option<double>("--voltage-kv") { Description = "Acceleration voltage (kV)", DefaultValueFactory = _ => 300.0 }.Within(OpticsLimits.VoltageKilovolts);
    private readonly Option<double> _convergence = new Option<double>("--convergence-mrad") { Description = "Probe convergence semi-angle (mrad)", DefaultValueFactory = _ => 21.4 }.Within(Limits.Positive(100, "mrad"));
    private readonly Option<double> _defocus = new Option<double>("--defocus-angstrom") { Description = "Probe defocus (Å, positive = underfocus: crossover below the entrance surface)", DefaultValueFactory = _ => 0.0 }.Within(OpticsLimits.DefocusAngstrom);
    private readonly Option<double> _cs = new Option<double>("--cs-mm") { Description = "Spherical aberration Cs (mm)", DefaultValueFactory = _ => 0.0 }.Within(OpticsLimits.CsMillimetres);
    private readonly Option<double> _source = new Option<double>("--source-size-angstrom") { Description = "Effective source size, Gaussian standard deviation (Å); blurs the image", DefaultValueFactory = _ => 0.0 }.Within(Limits.NonNegative(1000, "Å"));
    private readonly Option<string> _detector = new("--detector") { Description = "Detector preset: haadf (70-200 mrad), adf (30-70), bf (0-α/2), abf (α/2-α)", DefaultValueFactory = _ => "haadf" };
    private readonly Option<string?> _angles = new("--detector-mrad") { Description = "Detector angles INNER,OUTER (mrad); overrides --detector" };
    private readonly Option<double?> _pixel = new Option<double?>("--pixel-size-angstrom") { Description = "Multislice/PRISM wave sampling (Å/px); default: the coarsest whose 2/3 band limit reaches the detector's outer angle (0.0328 Å at 300 kV, 200 mrad), at most 0.05 Å" }.Within(OpticsLimits.PixelSizeAngstrom);
    private readonly Option<double> _slice = new Option<double>("--slice-thickness-angstrom") { Description = "Multislice/PRISM slice thickness (Å)", DefaultValueFactory = _ => 1.0 }.Within(Limits.Positive(1000, "Å"));
    private readonly Option<int> _interpolation = new Option<int>("--interpolation") { Description = "PRISM interpolation factor f", DefaultValueFactory = _ => 4 }.Whole(1, 64, "");
    private readonly Option<int> _phonons = new Option<int>("--frozen-phonons") { Description = "Frozen-phonon configurations averaged (multislice/PRISM)", DefaultValueFactory = _ => 1 }.Whole(1, 10000, "configurations");
    private readonly Option<double> _rms = new Option<double>("--displacement-rms-angstrom") { Description = "Frozen-phonon RMS displacement per axis (Å), √(B/8π²); Au at room temperature ≈ 0.085", DefaultValueFactory = _ => 0.0 }.Within(Limits.NonNegative(10, "Å"));
    private readonly Option<double?> _exponent = new Option<double?>("--z-exponent") { Description = "Incoherent: σ ∝ Z^n with this n (scaled to Au); default: cross-sections integrated over the detector" }.Within(new Limits(0, 10, ""));
    private readonly Option<int> _threads = new Option<int>("--threads") { Description = "Threads (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount }.Whole(1, 1024, "threads");

    public StemOptionSet(string defaultMethod)
    {
        _method = new Option<string>("--method") { Description = $"multislice (reference), prism (S-matrix, fast at the same physics) or incoherent (Z-contrast model, fastest); default {defaultMethod}", DefaultValueFactory = _ => defaultMethod };
    }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option o in (Option[])[_method, _voltage, _convergence, _defocus, _cs, _source, _detector, _angles, _pixel, _slice, _interpolation, _phonons, _rms, _exponent, _threads])
            command.Options.Add(o);
    }

    /// <summary>Probe and detector from the parsed options (exit 2 on a bad value).</summary>
    public StemParameters Parameters(ParseResult parse) => SimulateCommand.Checked(() =>
    {
        var probe = new ProbeParameters(parse.GetValue(_voltage), parse.GetValue(_convergence), parse.GetValue(_defocus), parse.GetValue(_cs), parse.GetValue(_source));
        AnnularDetector detector;
        if (parse.GetValue(_angles) is string text)
        {
            var parts = text.Split(',');
            if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double inner)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double outer))
                throw new ArgumentException($"--detector-mrad '{text}': expected INNER,OUTER in mrad, e.g. 70,200");
            detector = new AnnularDetector(inner, outer);
        }
        else
        {
            detector = AnnularDetector.Preset(parse.GetValue(_detector)!, probe.ConvergenceSemiAngleMilliradians);
        }
        var p = new StemParameters(probe, detector);
        p.Validate();
        return p;
    });

    /// <summary>Numerical options from the parsed options (exit 2 on a bad value).</summary>
    public StemOptions Options(ParseResult parse, int seed) => SimulateCommand.Checked(() =>
    {
        var method = parse.GetValue(_method)!.ToLowerInvariant() switch
        {
            "multislice" => StemMethod.Multislice,
            "prism" => StemMethod.Prism,
            "incoherent" => StemMethod.Incoherent,
            var other => throw new ArgumentException($"--method '{other}': expected multislice, prism or incoherent"),
        };
        int threads = parse.GetValue(_threads);
        if (threads < 1) throw new ArgumentException($"--threads must be ≥ 1, got {threads}");
        var o = new StemOptions
        {
            Method = method, PixelSizeAngstrom = parse.GetValue(_pixel), SliceThicknessAngstrom = parse.GetValue(_slice),
            PrismInterpolation = parse.GetValue(_interpolation), FrozenPhonons = parse.GetValue(_phonons),
            DisplacementRmsAngstrom = parse.GetValue(_rms), Seed = seed, IncoherentZExponent = parse.GetValue(_exponent), MaxParallelism = threads,
        };
        o.Validate();
        return o;
    });

    /// <summary>Plain progress lines on stderr at every 10 % of each stage.</summary>
    public static IProgress<StemProgress> Printer() => new ProgressLines();

    private sealed class ProgressLines : IProgress<StemProgress>
    {
        private readonly Lock _gate = new();
        private string _stage = "";
        private int _decile = -1;

        public void Report(StemProgress value)
        {
            lock (_gate)
            {
                if (value.Stage != _stage) { _stage = value.Stage; _decile = -1; }
                int decile = value.Total > 0 ? value.Done * 10 / value.Total : 10;
                if (decile <= _decile) return;
                _decile = decile;
                Console.Error.WriteLine($"  {value.Stage}: {value.Done}/{value.Total} ({decile * 10} %)");
            }
        }
    }
}
