"""Summarises the defocus-aware segmentation study (docs/studies/defocus-aware-segmentation.sh): per held-out defocus,
mean F1 and apparent object size (segmented area / true area) for the plain networks and each control; the defocus
measured by `temkit defocus` against the truth; index.csv (the plain narrow network's per-image rows with the defocus
run's properties, for `temkit stats`) and a multi-property least-squares index with its leave-one-out correlation.
Writes STUDY/summary.md, STUDY/fringes-f1.svg, STUDY/fringes-size.svg, STUDY/per-image.csv and STUDY/index.csv.
Usage: summarise_fringes.py STUDY"""
import csv, glob, math, os, sys
import numpy as np

study = sys.argv[1]
os.chdir(study)

def read(path):
    with open(path) as f:
        return list(csv.DictReader(f))

def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan

CONTROLS = [("plain-narrow", "plain, trained 0.5-1 µm"), ("plain-wide", "plain, trained 0.5-5 µm"),
            ("flip-measured", "phase flip (measured CTF)"), ("flip-truth", "phase flip (true CTF)"),
            ("wiener-measured", "Wiener (measured CTF)"), ("wiener-truth", "Wiener (true CTF)"),
            ("cond-measured", "conditioned on defocus (measured)"), ("cond-truth", "conditioned on defocus (true)"),
            ("band-measured", "model by band (measured)"), ("band-truth", "model by band (true)")]

rows, index_rows = [], []
for folder in sorted(glob.glob("test-*"), key=lambda p: int(p.split("-")[1])):
    truth = {os.path.basename(r["image"]): r for r in read(os.path.join(folder, "fields.csv"))}
    measured = {os.path.basename(r["file"]): r for r in read(os.path.join(folder, "defocus", "results.csv"))}
    seg = {}
    for c, _ in CONTROLS + [("plain-narrow-index", "")]:
        path = os.path.join(folder, f"seg-{c}", "segmentation.csv")
        if os.path.exists(path):
            seg[c] = {os.path.basename(r["file"]): r for r in read(path)}
    for name, t in truth.items():
        m = measured.get(name, {})
        if m.get("status") != "ok":
            m = {}   # a failed fit keeps some numbers in results.csv; a lab would have no defocus for this image
        row = {"set": folder, "image": name, "true_defocus_A": num(t["defocus_angstrom"]), "true_fraction": num(t["mask_fraction"]),
               "measured_defocus_A": num(m.get("mean_defocus_A")), "fit_score": num(m.get("fit_score")),
               "fft_index": num(m.get("fft_index")), "fringe_width_px": num(m.get("fringe_width_px")),
               "mean_intensity": num(m.get("mean_intensity"))}
        for c, _ in CONTROLS:
            r = seg.get(c, {}).get(name)
            ok = r is not None and r["status"] == "ok"
            row[c + "_f1"] = num(r["f1"]) if ok else math.nan
            row[c + "_size"] = num(r["area_fraction"]) / row["true_fraction"] if ok else math.nan
        rows.append(row)
        r = seg.get("plain-narrow-index", {}).get(name)
        if r is not None and r["status"] == "ok":
            index_rows.append({"file": r["file"], "true_defocus_angstrom": t["defocus_angstrom"], "measured_defocus_angstrom": r["measured_defocus_angstrom"],
                               "fft_index": r["fft_index"], "fringe_width_px": r["fringe_width_px"], "fit_score": r["fit_score"],
                               "mean_intensity": m.get("mean_intensity", ""), "f1": r["f1"],
                               "apparent_size": num(r["area_fraction"]) / row["true_fraction"]})

with open("per-image.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
if index_rows:
    # The same specimens recur at every defocus (same seed), so F1 minus the specimen's mean F1 over the defoci it has
    # is the part of the quality that changes with defocus: what an index of the defocus run can hope to predict.
    by_specimen = {}
    for r in index_rows:
        by_specimen.setdefault(os.path.basename(r["file"]), []).append(num(r["f1"]))
    for r in index_rows:
        r["f1_minus_specimen_mean"] = num(r["f1"]) - np.mean(by_specimen[os.path.basename(r["file"])])
    with open("index.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(index_rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(index_rows)

defoci = sorted({r["true_defocus_A"] for r in rows})
def mean(values):
    v = [x for x in values if not math.isnan(x)]
    return sum(v) / len(v) if v else math.nan

present = [(c, label) for c, label in CONTROLS if any(not math.isnan(r[c + "_f1"]) for r in rows)]
out = ["| defocus (µm) | measured (µm, mean ± SD) | " + " | ".join(label for _, label in present) + " |",
       "|---|---|" + "---|" * len(present)]
table = {c: [] for c, _ in CONTROLS}
sizes = {c: [] for c, _ in CONTROLS}
for df in defoci:
    sel = [r for r in rows if r["true_defocus_A"] == df]
    md = [r["measured_defocus_A"] for r in sel if not math.isnan(r["measured_defocus_A"])]
    cells = []
    for c, _ in CONTROLS:
        f1, size = mean([r[c + "_f1"] for r in sel]), mean([r[c + "_size"] for r in sel])
        table[c].append(f1)
        sizes[c].append(size)
        if (c, dict(CONTROLS)[c]) in present:
            n = sum(not math.isnan(r[c + "_f1"]) for r in sel)
            cells.append(f"{f1:.3f} / {size:.2f}" + ("" if n == len(sel) else f" ({n})"))
    sd = np.std(md) / 1e4 if md else math.nan
    out.append(f"| {df / 1e4:.1f} | {np.mean(md) / 1e4:.2f} ± {sd:.2f} ({len(md)}/{len(sel)} fitted) | " + " | ".join(cells) + " |")
out.append("")
out.append("Cells: mean F1 / apparent size (segmented area ÷ true area), 16 held-out fields per defocus; (n) = fields with a result when fewer.")
out.append("")
out.append("| control | F1 min | F1 max | F1 range (max − min) | apparent size min-max | F1 within 0.05 of its best at every defocus? |")
out.append("|---|---|---|---|---|---|")
for c, label in present:
    v = [x for x in table[c] if not math.isnan(x)]
    z = [x for x in sizes[c] if not math.isnan(x)]
    out.append(f"| {label} | {min(v):.3f} | {max(v):.3f} | {max(v) - min(v):.3f} | {min(z):.2f}-{max(z):.2f} | {'yes' if max(v) - min(v) <= 0.05 else 'no'} |")

# Segmentation index: the defocus run's per-image properties -> the plain narrow network's F1 (least squares), with the
# leave-one-out correlation (the honest one) besides the in-sample one.
features = ["fringe_width_px", "fft_index", "fit_score", "mean_intensity"]
data = [r for r in rows if all(not math.isnan(r[k]) for k in features + ["plain-narrow_f1"])]
if len(data) > len(features) + 2:
    X = np.array([[1.0] + [r[k] for k in features] for r in data])
    y = np.array([r["plain-narrow_f1"] for r in data])
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    loo = []
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        c_i, *_ = np.linalg.lstsq(X[keep], y[keep], rcond=None)
        loo.append(X[i] @ c_i)
    r_in = np.corrcoef(X @ coef, y)[0, 1]
    r_loo = np.corrcoef(np.array(loo), y)[0, 1]
    out.append("")
    out.append(f"Multi-property index ({len(y)} images, plain narrow network): predicted F1 = {coef[0]:.4g}" +
               "".join(f" {'+' if b >= 0 else '−'} {abs(b):.4g}·{k}" for b, k in zip(coef[1:], features)))
    out.append(f"Pearson r with the per-image F1: {r_in:.3f} in sample, {r_loo:.3f} leave-one-out.")
    for k in features:
        v = np.array([r[k] for r in data])
        out.append(f"- r(F1, {k}) alone: {np.corrcoef(v, y)[0, 1]:.3f}")
with open("summary.md", "w") as f:
    f.write("\n".join(out) + "\n")
print("\n".join(out))

def svg(path, title, ylabel, series, ymin, ymax):
    W, H, L, R, T, B = 720, 420, 70, 250, 40, 50
    xs = [d / 1e4 for d in defoci]
    def px(x): return L + (x - 0.5) / 4.5 * (W - L - R)
    def py(v): return T + (ymax - v) / (ymax - ymin) * (H - T - B)
    colours = ["#000000", "#888888", "#d62728", "#ff9896", "#1f77b4", "#aec7e8", "#9467bd", "#c5b0d5", "#2ca02c", "#98df8a"]
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>', f'<text x="{W / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>',
         f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>', f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>',
         f'<text x="{(L + W - R) / 2}" y="{H - 12}" text-anchor="middle">true defocus (µm, underfocus)</text>',
         f'<text x="16" y="{(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 16 {(T + H - B) / 2})">{ylabel}</text>']
    for x in xs:
        s.append(f'<text x="{px(x)}" y="{H - B + 16}" text-anchor="middle">{x:g}</text>')
    for k in range(6):
        v = ymin + k * (ymax - ymin) / 5
        s.append(f'<text x="{L - 6}" y="{py(v) + 4}" text-anchor="end">{v:.2f}</text>')
        s.append(f'<line x1="{L}" y1="{py(v)}" x2="{W - R}" y2="{py(v)}" stroke="#eeeeee"/>')
    for i, (c, label) in enumerate(present):
        pts = [(px(x), py(v)) for x, v in zip(xs, series[c]) if not math.isnan(v)]
        if not pts:
            continue
        s.append(f'<polyline fill="none" stroke="{colours[i]}" stroke-width="2" points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
        s.append(f'<text x="{W - R + 10}" y="{T + 16 * i + 10}" fill="{colours[i]}">{label}</text>')
    s.append("</svg>")
    with open(path + ".tmp", "w") as f:
        f.write("\n".join(s))
    os.replace(path + ".tmp", path)

svg("fringes-f1.svg", "Segmentation F1 against defocus (held-out fields)", "mean F1", table, 0.5, 1)
allsizes = [v for c in sizes.values() for v in c if not math.isnan(v)]
svg("fringes-size.svg", "Apparent object size against defocus", "segmented area / true area", sizes,
    min(0.0, math.floor(min(allsizes) * 10) / 10), math.ceil(max(allsizes) * 10) / 10)
