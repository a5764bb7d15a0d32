"""Splits DS/images and DS/masks into DS/band-K/{images,masks} (symbolic links) by the defocus `temkit defocus`
measured (DS/defocus/results.csv): band 0 below the first edge (Å), band 1 up to the second, band 2 above."""
import csv, os, sys

ds, edges = sys.argv[1], [float(e) for e in sys.argv[2:]]
with open(os.path.join(ds, "defocus", "results.csv")) as f:
    measured = {os.path.basename(r["file"]): float(r["mean_defocus_A"]) for r in csv.DictReader(f) if r["status"] == "ok"}
for name, df in sorted(measured.items()):
    band = sum(df >= e for e in edges)
    for kind in ("images", "masks"):
        folder = os.path.join(ds, f"band-{band}", kind)
        os.makedirs(folder, exist_ok=True)
        link = os.path.join(folder, name)
        if not os.path.lexists(link):
            os.symlink(os.path.abspath(os.path.join(ds, kind, name)), link)
