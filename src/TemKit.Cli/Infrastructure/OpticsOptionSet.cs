using System.CommandLine;
using System.Globalization;
using TemKit.Numerics;
using TemKit.Optics;

namespace TemKit.Cli.Infrastructure;

/// <summary>
/// The three microscope constants of a CTF (<c>--voltage-kv</c>, <c>--cs-mm</c>, <c>--amplitude-contrast</c>), spelled,
/// described and range-checked the same way by every command that estimates or simulates a CTF, read into one
/// <see cref="ElectronOptics"/>.
/// </summary>
internal sealed class OpticsOptionSet
{
    /// <param name="defaults">The defaults shown in --help (<see cref="ElectronOptics.Default"/> when null).</param>
    /// <param name="csLimits">Accepted Cs range (<see cref="OpticsLimits.CsFitMillimetres"/> when null: a fit models an uncorrected lens).</param>
    public OpticsOptionSet(ElectronOptics? defaults = null, Limits? csLimits = null)
    {
        var d = defaults ?? ElectronOptics.Default;
        Voltage = new Option<double>("--voltage-kv") { Description = "Acceleration voltage (kV)", DefaultValueFactory = _ => d.VoltageKilovolts }.Within(OpticsLimits.VoltageKilovolts);
        Cs = new Option<double>("--cs-mm") { Description = "Spherical aberration Cs (mm)", DefaultValueFactory = _ => d.CsMillimetres }.Within(csLimits ?? OpticsLimits.CsFitMillimetres);
        AmplitudeContrast = new Option<double>("--amplitude-contrast") { Description = "Amplitude contrast fraction (0..1; ~0.07 cryo, ~0.1 materials)", DefaultValueFactory = _ => d.AmplitudeContrast }.Within(OpticsLimits.AmplitudeContrast);
    }

    /// <summary>--voltage-kv.</summary>
    public Option<double> Voltage { get; }

    /// <summary>--cs-mm.</summary>
    public Option<double> Cs { get; }

    /// <summary>--amplitude-contrast.</summary>
    public Option<double> AmplitudeContrast { get; }

    /// <summary>The three options, to add to a command.</summary>
    public IEnumerable<Option> All => [Voltage, Cs, AmplitudeContrast];

    /// <summary>The values given (or their defaults).</summary>
    public ElectronOptics Read(ParseResult parse) => new(parse.GetValue(Voltage), parse.GetValue(Cs), parse.GetValue(AmplitudeContrast));

    /// <summary>The command-line arguments that reproduce <paramref name="optics"/> (round-trip precision).</summary>
    public static string[] Arguments(ElectronOptics optics)
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        return ["--voltage-kv", N(optics.VoltageKilovolts), "--cs-mm", N(optics.CsMillimetres), "--amplitude-contrast", N(optics.AmplitudeContrast)];
    }
}
