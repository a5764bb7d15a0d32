"""Writes DS/truth-defocus/results.csv: a defocus "run" holding each field's true CTF (from DS/fields.csv), in the
columns of temkit's results.csv, so that `temkit segment --defocus-from DS/truth-defocus` uses the truth."""
import csv, os, sys

ds = sys.argv[1]
out = os.path.join(ds, "truth-defocus")
os.makedirs(out, exist_ok=True)
columns = ["file", "status", "error", "defocus1_A", "defocus2_A", "astigmatism_angle_deg", "mean_defocus_A", "fit_score",
           "fit_resolution_A", "second_peak_px", "second_peak_inv_A", "fft_index", "fringe_width_px", "mean_intensity",
           "acquired", "pixel_size_A", "spectrum_pixel_size_A", "spectrum_size_px", "acquired_source"]
with open(os.path.join(ds, "fields.csv")) as f, open(os.path.join(out, "results.csv.tmp"), "w", newline="") as g:
    w = csv.writer(g)
    w.writerow(columns)
    for r in csv.DictReader(f):
        row = dict.fromkeys(columns, "")
        row.update({"file": os.path.abspath(os.path.join(ds, r["image"])), "status": "ok",
                    "defocus1_A": r["defocus1_angstrom"], "defocus2_A": r["defocus2_angstrom"],
                    "astigmatism_angle_deg": r["astigmatism_angle_deg"], "mean_defocus_A": r["defocus_angstrom"],
                    "pixel_size_A": r["pixel_size_angstrom"], "spectrum_size_px": "0", "acquired_source": "file"})
        w.writerow([row[c] for c in columns])
os.replace(os.path.join(out, "results.csv.tmp"), os.path.join(out, "results.csv"))
