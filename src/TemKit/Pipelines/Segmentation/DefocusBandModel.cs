using System.Globalization;
using TemKit.Neural.Models;

namespace TemKit.Pipelines.Segmentation;

/// <summary>
/// One of several models trained on defocus bands: it segments the images whose measured mean defocus is at least
/// <paramref name="MinDefocusAngstrom"/> and below the next band's minimum (<see cref="DefocusBandModel.Choose"/>).
/// </summary>
/// <param name="MinDefocusAngstrom">Smallest measured mean defocus (Å, positive = underfocus) this model takes; the lowest band also takes everything below.</param>
/// <param name="Model">The model.</param>
/// <param name="ModelPath">Where it came from (recorded in segmentation.csv), or null.</param>
public sealed record DefocusBandModel(double MinDefocusAngstrom, ModelCheckpoint Model, string? ModelPath = null)
{
    /// <summary>
    /// The band of <paramref name="defocusAngstrom"/> among <paramref name="bands"/>: the one with the largest minimum at
    /// or below it, or the lowest band for a defocus below every minimum.
    /// </summary>
    public static DefocusBandModel Choose(IReadOnlyList<DefocusBandModel> bands, double defocusAngstrom)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0) throw new ArgumentException("no defocus band models", nameof(bands));
        DefocusBandModel? best = null;
        foreach (var b in bands)
            if (b.MinDefocusAngstrom <= defocusAngstrom && (best is null || b.MinDefocusAngstrom > best.MinDefocusAngstrom)) best = b;
        return best ?? bands.MinBy(b => b.MinDefocusAngstrom)!;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for no bands, a non-finite minimum, two bands with the same minimum, or models that
    /// differ in what they need beyond the image (a quantity channel one has and another lacks is fine; each is filled per model).</summary>
    public static void Validate(IReadOnlyList<DefocusBandModel> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0) throw new ArgumentException("no defocus band models", nameof(bands));
        foreach (var b in bands)
            if (!double.IsFinite(b.MinDefocusAngstrom))
                throw new ArgumentException($"defocus band minimum {b.MinDefocusAngstrom.ToString(CultureInfo.InvariantCulture)} Å is not a number", nameof(bands));
        var twice = bands.GroupBy(b => b.MinDefocusAngstrom).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"two defocus bands start at {twice.Key / 1e4:G4} µm"), nameof(bands));
    }
}
