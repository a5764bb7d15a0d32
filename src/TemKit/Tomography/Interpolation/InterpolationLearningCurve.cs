using System.Globalization;
using TemKit.IO.Csv;
using TemKit.Plotting;

namespace TemKit.Tomography.Interpolation;

/// <summary>The interpolation training history as CSV and SVG (MSE against epoch, the model and linear interpolation on the validation frames).</summary>
public static class InterpolationLearningCurve
{
    /// <summary>Writes epoch, train_mse, validation_mse, validation_linear_mse, gain_db, seconds.</summary>
    public static void WriteCsv(string path, IReadOnlyList<InterpolationEpoch> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        static string F(double v) => double.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture);
        CsvFiles.WriteTable(path, ["epoch", "train_mse", "validation_mse", "validation_linear_mse", "gain_db", "seconds"],
            history.Select(h => (IReadOnlyList<string>)[h.Epoch.ToString(CultureInfo.InvariantCulture), F(h.TrainMse), F(h.ValidationMse), F(h.ValidationLinearMse), F(h.GainDb), F(h.Seconds)]));
    }

    /// <summary>The learning curve as an SVG plot.</summary>
    public static SvgPlot Plot(IReadOnlyList<InterpolationEpoch> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var plot = new SvgPlot("Interpolation training", "Epoch", "Mean squared error (normalised frames)") { YMin = 0 };
        plot.AddLine("training (crops, residual)", epochs, history.Select(h => h.TrainMse));
        plot.AddLine("validation, model", epochs, history.Select(h => h.ValidationMse));
        plot.AddLine("validation, linear", epochs, history.Select(h => h.ValidationLinearMse));
        return plot;
    }

    /// <summary>Writes <see cref="Plot"/> to <paramref name="path"/>.</summary>
    public static void WriteSvg(string path, IReadOnlyList<InterpolationEpoch> history) => IO.AtomicFile.WriteAllText(path, Plot(history).ToSvg());
}
