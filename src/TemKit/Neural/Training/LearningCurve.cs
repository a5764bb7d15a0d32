using System.Globalization;
using TemKit.IO.Csv;
using TemKit.Plotting;

using TemKit.Neural.Models;

namespace TemKit.Neural.Training;

/// <summary>What a learning curve's panels show: the title, the loss axis and the score panel.</summary>
/// <param name="Title">Plot title, e.g. "msd learning curve".</param>
/// <param name="LossName">Title of the loss axis (bottom panel), with units.</param>
/// <param name="ScoreName">Title of the score axis (top panel), with units.</param>
/// <param name="ScoreMetrics">
/// Keys of <see cref="EpochRecord.Metrics"/> drawn in the top panel (free y range); null = the validation F1 (0 to 1).
/// </param>
public sealed record LearningCurveAxes(string Title, string LossName = "Cross-entropy (nats/pixel)", string ScoreName = "Validation F1 score",
    IReadOnlyList<string>? ScoreMetrics = null);

/// <summary>Writes the training history as CSV and as an SVG learning curve (F1 and loss against epoch, like paper 001 SOI Fig. 4).</summary>
public static class LearningCurve
{
    /// <summary>
    /// Writes MODEL.history.csv (epoch, train_loss, validation_loss, validation_f1, seconds, then one column per
    /// <see cref="EpochRecord.Metrics"/> key in order of first appearance; empty where an epoch lacks it).
    /// </summary>
    public static void WriteCsv(string path, IReadOnlyList<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        static string F(double v) => double.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture);
        var keys = history.SelectMany(h => h.Metrics?.Keys ?? []).Distinct().ToArray();
        CsvFiles.WriteTable(path, ["epoch", "train_loss", "validation_loss", "validation_f1", "seconds", .. keys],
            history.Select(h => (IReadOnlyList<string>)[h.Epoch.ToString(CultureInfo.InvariantCulture), F(h.TrainLoss), F(h.ValidationLoss), F(h.ValidationF1), F(h.Seconds),
                .. keys.Select(k => h.Metrics is { } m && m.TryGetValue(k, out double v) ? F(v) : "")]));
    }

    /// <summary>Writes a two-panel SVG: validation F1 (top) and training/validation loss (bottom, axis titled
    /// <paramref name="lossName"/>) against epoch.</summary>
    public static void WriteSvg(string path, IReadOnlyList<EpochRecord> history, string title, string lossName = "Cross-entropy (nats/pixel)") =>
        WriteSvg(path, history, new LearningCurveAxes(title, lossName));

    /// <summary>Writes a two-panel SVG: the score panel (top) and the training/validation loss (bottom) against epoch, as <paramref name="axes"/> says.</summary>
    public static void WriteSvg(string path, IReadOnlyList<EpochRecord> history, LearningCurveAxes axes)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(axes);
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        SvgPlot score;
        if (axes.ScoreMetrics is { } metrics)
        {
            score = new SvgPlot(axes.Title, "Epoch", axes.ScoreName);
            foreach (string key in metrics)
            {
                var with = history.Where(h => h.Metrics is { } m && m.TryGetValue(key, out double v) && double.IsFinite(v)).ToArray();
                if (with.Length > 0) score.AddLine(key, with.Select(h => (double)h.Epoch), with.Select(h => h.Metrics![key]));
            }
        }
        else
        {
            score = new SvgPlot(axes.Title, "Epoch", axes.ScoreName) { YMin = 0, YMax = 1 };
            var withF1 = history.Where(h => !double.IsNaN(h.ValidationF1)).ToArray();
            if (withF1.Length > 0) score.AddLine("validation F1", withF1.Select(h => (double)h.Epoch), withF1.Select(h => h.ValidationF1));
        }
        var loss = new SvgPlot(null, "Epoch", axes.LossName) { YMin = 0 };
        loss.AddLine("training loss", epochs, history.Select(h => h.TrainLoss));
        var withVal = history.Where(h => !double.IsNaN(h.ValidationLoss)).ToArray();
        if (withVal.Length > 0) loss.AddLine("validation loss", withVal.Select(h => (double)h.Epoch), withVal.Select(h => h.ValidationLoss));
        new SvgFigure(score, loss).Save(path);
    }
}
