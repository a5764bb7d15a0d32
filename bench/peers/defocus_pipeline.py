#!/usr/bin/env python3
"""The seed's defocus pipeline written the way its author planned it (peer of the C# `defocus-pipeline` bench).

Per MRC file: read with mrcfile (script-A), Fourier transform with scipy.fft and the power spectrum, radial
integration with a numpy bincount (script-B), Gaussian smoothing with gaussian_filter1d (script-D), peak finding
with scipy.signal.find_peaks and the 2nd peak distance (script-E), each stage's output to CSV (the "junctures").
Files are spread over a multiprocessing Pool (default 2 workers, the 2 cores of the benchmark machine).

--mode whole: one FFT of the whole image (the author's plan).
--mode tiles: the same Welch averaging of 50 %-overlapping tapered tiles that TemKit uses (tile 512), for a
              like-for-like comparison of the work done.

Prints one JSON line: {"files": N, "seconds": wall time, "mode": ...}.
Run with the Debian interpreter: /usr/bin/python3 bench/peers/defocus_pipeline.py OUT FILES...
"""
import argparse
import csv
import json
import os
import time
from multiprocessing import Pool

import mrcfile
import numpy as np
import scipy.fft
from scipy.ndimage import gaussian_filter1d
from scipy.signal import find_peaks

TILE = 512


def power_spectrum_whole(image):
    spectrum = scipy.fft.fftshift(np.abs(scipy.fft.fft2(image - image.mean(), workers=1)) ** 2)
    return spectrum.astype(np.float32)


def power_spectrum_tiles(image):
    h, w = image.shape
    step = TILE // 2
    taper = np.ones(TILE, dtype=np.float32)
    edge = int(round(0.1 * TILE))
    d = np.arange(edge)
    taper[:edge] = 0.5 - 0.5 * np.cos(np.pi * (d + 0.5) / edge)
    taper[TILE - edge:] = taper[:edge][::-1]
    window = np.outer(taper, taper)
    total = np.zeros((TILE, TILE // 2 + 1), dtype=np.float64)
    count = 0
    for y in range(0, h - TILE + 1, step):
        for x in range(0, w - TILE + 1, step):
            tile = image[y:y + TILE, x:x + TILE]
            tile = (tile - tile.mean()) * window
            total += np.abs(scipy.fft.rfft2(tile, workers=1)) ** 2
            count += 1
    half = total / count
    # Hermitian symmetry of a real input: P(ky, kx) = P(-ky, -kx) fills the columns rfft2 leaves out.
    full = np.empty((TILE, TILE), dtype=np.float64)
    full[:, : TILE // 2 + 1] = half
    full[:, TILE // 2 + 1:] = half[(-np.arange(TILE)) % TILE][:, TILE // 2 - 1:0:-1]
    return scipy.fft.fftshift(full).astype(np.float32)


def radial_profile(spectrum):
    n = spectrum.shape[0]
    y, x = np.indices(spectrum.shape)
    r = np.hypot(x - n // 2, y - spectrum.shape[1] // 2).astype(np.int64)
    sums = np.bincount(r.ravel(), weights=np.sqrt(spectrum).ravel())
    counts = np.bincount(r.ravel())
    profile = sums / np.maximum(counts, 1)
    return profile[: n // 2 + 1]


def process(job, lap=lambda stage: None):
    path, out, mode = job
    with mrcfile.open(path, permissive=True) as m:
        image = np.asarray(m.data, dtype=np.float32)
        if image.ndim == 3:
            image = image[0]
    lap("read")
    spectrum = power_spectrum_tiles(image) if mode == "tiles" else power_spectrum_whole(image)
    lap("power spectrum")
    profile = radial_profile(spectrum)
    lap("radial profile")
    smoothed = gaussian_filter1d(profile, sigma=1.5)
    background = gaussian_filter1d(smoothed, sigma=10)
    signal = smoothed - background
    signal[:3] = 0
    peaks, props = find_peaks(signal, prominence=0)
    if len(peaks):
        keep = props["prominences"] >= 0.05 * props["prominences"].max()
        peaks = peaks[keep]
        prominences = props["prominences"][keep]
    else:
        prominences = np.array([])
    second = float(peaks[1]) if len(peaks) > 1 else float("nan")
    lap("smoothing + peaks")
    stem = os.path.join(out, os.path.splitext(os.path.basename(path))[0])
    with open(stem + "_profile.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["radius_px", "value", "smoothed", "signal"])
        for i in range(len(profile)):
            w.writerow([i, repr(float(profile[i])), repr(float(smoothed[i])), repr(float(signal[i]))])
    with open(stem + "_peaks.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["index", "radius_px", "prominence"])
        for k, (p, q) in enumerate(zip(peaks, prominences), start=1):
            w.writerow([k, int(p), repr(float(q))])
    lap("CSV")
    return path, second


def stages(path, out, repeats):
    """Median ms of each stage of one whole-image pass in this process (one core), after a warm-up."""
    times = {}
    for r in range(repeats + 1):
        last = [time.perf_counter()]

        def lap(stage):
            now = time.perf_counter()
            if r > 0:
                times.setdefault(stage, []).append(1000 * (now - last[0]))
            last[0] = time.perf_counter()

        process((path, out, "whole"), lap)
    print(json.dumps({k: float(np.median(v)) for k, v in times.items()}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--mode", choices=["whole", "tiles"], default="whole")
    parser.add_argument("--stages", type=int, metavar="REPEATS",
                        help="time each stage of a whole-image pass on the first file instead (JSON of median ms)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.stages:
        stages(args.files[0], args.out, args.stages)
        return
    start = time.perf_counter()
    with Pool(args.workers) as pool:
        results = pool.map(process, [(f, args.out, args.mode) for f in args.files], chunksize=1)
    with open(os.path.join(args.out, "results.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "second_peak_px"])
        w.writerows(results)
    seconds = time.perf_counter() - start
    print(json.dumps({"files": len(args.files), "seconds": seconds, "mode": args.mode, "workers": args.workers}))


if __name__ == "__main__":
    main()
