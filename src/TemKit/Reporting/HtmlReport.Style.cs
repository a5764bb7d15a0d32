namespace TemKit.Reporting;

public sealed partial class HtmlReport
{
    /// <summary>The page's whole style sheet: readable type, quiet tables, responsive figures, print-friendly.</summary>
    internal const string Css = """
        :root { --fg: #1d232a; --muted: #5b6672; --line: #d9dee3; --accent: #0072b2; --flag: #fde8e4; --flag-line: #d55e00; --good: #e6f4ee; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f6f7f9; color: var(--fg); font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 28px 36px 48px; background: #fff; min-height: 100vh; }
        header { border-bottom: 2px solid var(--accent); margin-bottom: 18px; }
        h1 { font-size: 26px; margin: 0 0 6px; font-weight: 650; }
        .subtitle { color: var(--muted); margin: 0 0 10px; }
        h2 { font-size: 20px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); font-weight: 620; }
        h3 { font-size: 17px; margin: 22px 0 8px; font-weight: 620; }
        h4 { font-size: 15px; margin: 18px 0 6px; font-weight: 620; }
        p { margin: 8px 0; }
        pre { background: #f3f5f7; border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px; overflow-x: auto; font-size: 13px; }
        .table-wrap { overflow-x: auto; margin: 12px 0 18px; }
        table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
        caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 6px; }
        th, td { padding: 5px 12px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
        th { background: #eef1f4; font-weight: 600; border-bottom: 2px solid #c5ccd3; position: sticky; top: 0; }
        td.num { text-align: right; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        tbody tr:hover { background: #eef5fb; }
        tr.flagged td { background: var(--flag); }
        tr.flagged td:first-child { box-shadow: inset 3px 0 0 var(--flag-line); }
        tr.good td { background: var(--good); }
        tr.muted td { color: var(--muted); }
        figure { margin: 16px 0; }
        figure.single img, figure.single .svg svg { max-width: 100%; height: auto; }
        figure img { image-rendering: auto; border: 1px solid var(--line); display: block; }
        .row-items { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
        figure.cell { margin: 0; flex: 1 1 280px; min-width: 0; }
        figure.cell img, figure.cell .svg svg { width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: 13.5px; margin-top: 6px; }
        figure.row > figcaption { margin-top: 10px; }
        @media print { body { background: #fff; } main { padding: 0; max-width: none; } th { position: static; } figure, table { break-inside: avoid; } }

        """;
}
