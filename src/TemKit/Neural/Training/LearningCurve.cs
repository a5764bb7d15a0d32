using System.Globalization;
using TemKit.IO.Csv;
using TemKit.Plotting;

using TemKit.Neural.Models;

namespace TemKit.Neural.Training;

/// <summary>Writes the training history as CSV and as an SVG learning curve (F1 and loss against epoch, like paper 001 SOI Fig. 4).</summary>
public static class LearningCurve
{
    /// <summary>Writes MODEL.history.csv (epoch, train_loss, validation_loss, validation_f1, seconds).</summary>
    public static void WriteCsv(string path, IReadOnlyList<EpochRecord> history)
    {
        static string F(double v) => double.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture);
        CsvFiles.WriteTable(path, ["epoch", "train_loss", "validation_loss", "validation_f1", "seconds"],
            history.Select(h => (IReadOnlyList<string>)[h.Epoch.ToString(CultureInfo.InvariantCulture), F(h.TrainLoss), F(h.ValidationLoss), F(h.ValidationF1), F(h.Seconds)]));
    }

    /// <summary>Writes a two-panel SVG: validation F1 (top) and training/validation loss (bottom, axis titled
    /// <paramref name="lossName"/>) against epoch.</summary>
    public static void WriteSvg(string path, IReadOnlyList<EpochRecord> history, string title, string lossName = "Cross-entropy (nats/pixel)")
    {
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var f1 = new SvgPlot(title, "Epoch", "Validation F1 score") { YMin = 0, YMax = 1 };
        var withF1 = history.Where(h => !double.IsNaN(h.ValidationF1)).ToArray();
        if (withF1.Length > 0) f1.AddLine("validation F1", withF1.Select(h => (double)h.Epoch), withF1.Select(h => h.ValidationF1));
        var loss = new SvgPlot(null, "Epoch", lossName) { YMin = 0 };
        loss.AddLine("training loss", epochs, history.Select(h => h.TrainLoss));
        var withVal = history.Where(h => !double.IsNaN(h.ValidationLoss)).ToArray();
        if (withVal.Length > 0) loss.AddLine("validation loss", withVal.Select(h => (double)h.Epoch), withVal.Select(h => h.ValidationLoss));
        new SvgFigure(f1, loss).Save(path);
    }
}
