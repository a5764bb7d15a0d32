using System.Globalization;

namespace TemKit.Neural.Models;

/// <summary>
/// How one input channel of a network is prepared, recorded in the model file (<see cref="ModelInput.Channels"/>):
/// either standardised per image (shifted and scaled to mean 0, standard deviation 1, as every channel of a model
/// without a channel list is), or passed through multiplied by a fixed scale. A fixed scale keeps a constant plane
/// (e.g. the measured defocus) meaningful: standardising it would turn every value into 0.
/// </summary>
/// <param name="FixedScale">Null: standardise per image. Otherwise the network sees value·FixedScale (e.g. 1e-4 to turn Å into µm).</param>
/// <param name="Quantity">What a constant channel holds (<see cref="DefocusAngstrom"/>), filled in by the segmenter from the
/// image's measured value; null for an image plane.</param>
public sealed record InputChannel(double? FixedScale = null, string? Quantity = null)
{
    /// <summary>Quantity name of a constant plane holding the image's mean defocus in Å (positive = underfocus).</summary>
    public const string DefocusAngstrom = "defocus_angstrom";

    /// <summary>An image plane standardised per image.</summary>
    public static InputChannel Standardised { get; } = new();

    /// <summary>A constant plane holding the mean defocus (Å) times 1e-4, i.e. the defocus in µm.</summary>
    public static InputChannel Defocus { get; } = new(1e-4, DefocusAngstrom);

    /// <summary>True when the channel is standardised per image.</summary>
    public bool IsStandardised => FixedScale is null;

    /// <summary>Throws <see cref="ArgumentException"/> for a scale that is not a finite non-zero number or an empty quantity name.</summary>
    public void Validate()
    {
        if (FixedScale is { } s && (!double.IsFinite(s) || s == 0))
            throw new ArgumentException($"input channel scale {s.ToString(CultureInfo.InvariantCulture)} must be a finite non-zero number");
        if (Quantity is not null && string.IsNullOrWhiteSpace(Quantity)) throw new ArgumentException("input channel quantity name is empty");
        if (Quantity is not null && FixedScale is null) throw new ArgumentException($"input channel '{Quantity}' is a constant plane and needs a fixed scale");
    }

    /// <summary>"standardised" or "defocus_angstrom × 0.0001".</summary>
    public string Describe() => FixedScale is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"{Quantity ?? "image"} × {s:G4}")
        : "standardised";
}
