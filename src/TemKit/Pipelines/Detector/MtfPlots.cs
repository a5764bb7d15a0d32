using System.Globalization;
using TemKit.Detector;
using TemKit.Plotting;

namespace TemKit.Pipelines.Detector;

/// <summary>SVG plots of the MTF fits: per frame like SOI Figs. 6-7, per series like Figs. 5-6.</summary>
public static class MtfPlots
{
    private const double GoodRSquared = 0.98;

    /// <summary>RUN/plots/&lt;file&gt;_f&lt;frame&gt;.svg for every fitted frame: spectrum with the Eq. 4 fit on top, normalised MTF below.</summary>
    public static void WriteFramePlots(string run, IReadOnlyList<MtfFrameResult> results)
    {
        string folder = Path.Combine(run, "plots");
        Directory.CreateDirectory(folder);
        foreach (var r in results)
        {
            if (r.Analysis is not { Fit: { } fit, Spectrum: { } spectrum } || r.Row.Frame is not int z) continue;
            string name = $"{Path.GetFileNameWithoutExtension(r.Row.File)}_f{z:D4}.svg";
            FrameFigure(r.Row, fit, spectrum).Save(Path.Combine(folder, name));
        }
    }

    private static SvgFigure FrameFigure(MtfRow row, MtfFit fit, RadialSpectrum spectrum)
    {
        var q = new List<double>();
        var v = new List<double>();
        for (int b = 1; b < spectrum.Length; b++)
            if (spectrum.Counts[b] > 0 && double.IsFinite(spectrum.Values[b])) { q.Add(spectrum.QNormalised[b]); v.Add(spectrum.Values[b]); }
        var model = q.Select(fit.Spectrum).ToList();
        string unit = spectrum.Kind == SpectrumKind.Amplitude ? "RMS amplitude (e/px)" : "power (e²/px²)";
        string dose = row.DoseElectronsPerAngstrom2 is double a ? F($"{a:G4} e/Å², ") : "";
        var raw = new SvgPlot(F($"{Path.GetFileName(row.File)} frame {row.Frame}: {dose}{row.DoseElectronsPerPixel:G4} e/px"), "q / q_N (dashed line: Nyquist)", unit);
        raw.AddScatter("spectrum", q, v, size: 1.5);
        // c0 and c3 are in the lower panel's title; a shorter entry keeps the legend off the data.
        raw.AddLine(F($"Eq. 4 fit: R² {fit.RSquared:F3}, c1 {fit.C1:G4}, c2 {fit.C2:G4}"), q, model);
        raw.AddVerticalLine(1); // unlabelled: the legend sits over the top of this line; the x label names it
        // The spectrum falls with q to the floor c2, so the top right is empty; bottom left hid the low-q points.
        raw.Legend = LegendPosition.TopRight;
        var normalised = new SvgPlot(F($"Normalised MTF (Eq. 1): c0 = {fit.C0:F3}, c3 = {fit.C3:F2}, C = {fit.C:F3}"), "q / q_N", "MTF") { YMin = 0 };
        normalised.AddScatter("spectrum / c1", q, v.Select(x => x / fit.C1), size: 1.5);
        normalised.AddLine("Eq. 1", q, model.Select(x => x / fit.C1));
        normalised.AddHorizontalLine(fit.C, "C");
        normalised.AddVerticalLine(fit.C0, "c0");
        return new SvgFigure(raw, normalised);
    }

    /// <summary>RUN/series_parameters.svg (Fig. 5: c0, c3, C against dose, R² ≥ 0.98 marked) and
    /// RUN/series_readout.svg (Fig. 6: C against N_D with the Eq. 2 fit).</summary>
    public static void WriteSeriesPlots(string run, IReadOnlyList<MtfFrameResult> results, ReadoutNoiseFit readout)
    {
        var ok = results.Where(r => r.Analysis?.Ok == true).ToList();
        bool perA2 = ok.All(r => r.Row.DoseElectronsPerAngstrom2 is not null);
        double X(MtfFrameResult r) => perA2 ? r.Row.DoseElectronsPerAngstrom2!.Value : r.Row.DoseElectronsPerPixel!.Value;
        string xLabel = perA2 ? "frame dose (e/Å²)" : "frame dose N_D (e/px)";
        var good = ok.Where(r => r.Row.R2 >= GoodRSquared).ToList();
        var poor = ok.Where(r => !(r.Row.R2 >= GoodRSquared)).ToList();
        var panels = new List<SvgPlot>();
        foreach (var (label, pick) in new (string, Func<MtfRow, double>)[] { ("c0 (q / q_N)", r => r.C0!.Value), ("c3", r => r.C3!.Value), ("C = c2 / c1", r => r.C!.Value) })
        {
            var p = new SvgPlot(null, xLabel, label) { LogX = true };
            // Two visible series (a white marker made the R² ≥ 0.98 legend entry invisible on the white background).
            if (good.Count > 0) p.AddScatter(F($"fits with R² ≥ {GoodRSquared}"), good.Select(X), good.Select(r => pick(r.Row)), size: 3.5);
            if (poor.Count > 0) p.AddScatter(F($"fits with R² < {GoodRSquared}"), poor.Select(X), poor.Select(r => pick(r.Row)), color: "#999999", size: 2.5);
            var meanOf = good.Count > 0 ? good : ok;
            double mean = meanOf.Average(r => pick(r.Row));
            p.AddHorizontalLine(mean, F($"mean {mean:G3} ({(good.Count > 0 ? $"R² ≥ {GoodRSquared}" : "all fits")})"));
            panels.Add(p);
        }
        new SvgFigure(panels) { Title = "Fitted MTF-model (supplementary Eq. 1) parameters against frame dose (as Fig. 5 of the supplementary of Leth Larsen et al.)" }.Save(Path.Combine(run, "series_parameters.svg"));

        var nd = ok.Select(r => r.Row.DoseElectronsPerPixel!.Value).ToList();
        double lo = nd.Min(), hi = nd.Max();
        var curveX = Enumerable.Range(0, 200).Select(i => lo * Math.Pow(hi / lo, i / 199.0)).ToList();
        var floor = new SvgPlot("C against frame dose (as Fig. 6 of the supplementary of Leth Larsen et al.)", "frame dose N_D (e/px)", "C = c2 / c1") { LogX = true };
        bool power = ok.Any(r => r.Analysis!.Spectrum!.Kind == SpectrumKind.Power);
        floor.AddScatter(power ? "frames, sqrt(C) of the power spectrum" : "frames", nd, ok.Select(r => ReadoutNoiseFit.AmplitudeFloor(r.Row.C!.Value, r.Analysis!.Spectrum!.Kind)));
        floor.AddLine(F($"Eq. 2: N0 = {readout.ReadoutNoiseElectronsPerPixel:G3} e/px, R² = {readout.RSquared:F3}"), curveX, curveX.Select(readout.Floor));
        floor.Save(Path.Combine(run, "series_readout.svg"));
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
