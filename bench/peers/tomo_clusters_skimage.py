#!/usr/bin/env python3
"""scikit-image peer of TemKit's tomo-clusters benchmark (bench/TemKit.Bench/Tomography/TomoClustersBench.cs).

Reads DIR/cases.json (tag, n, tilts in degrees as TemKit gives them) with DIR/series_TAG.f32 (tilts x n x n float32,
x fastest: TemKit's noise-free tilt series, tilt axis y) and DIR/truth_TAG.f32 (n x n x n, x fastest then y then z: the
ground-truth volume). Each y row of the series is the sinogram of the slice (x, z) at that y; the slices are
reconstructed with skimage.transform.iradon (ramp filter) and iradon_sart (PASSES passes, non-negative) and stacked into
a volume. n is odd, so scikit-image's rotation centre (pixel n // 2) is TemKit's ((n - 1) / 2). Which of scikit-image's
angle signs and image orientations matches TemKit's convention is chosen once per case from the WBP reconstruction (the
variant best correlated with the truth); then each volume is mapped onto the truth by the least-squares a*v + b, as TemKit's
are, and scored: PSNR over the truth's range and Pearson r. Prints one JSON line per case and method.

usage: tomo_clusters_skimage.py DIR PASSES
"""
import json
import sys
import time

import numpy as np
from skimage.transform import iradon, iradon_sart


def score(volume, truth):
    v, t = volume.ravel().astype(np.float64), truth.ravel().astype(np.float64)
    cv, ct = v - v.mean(), t - t.mean()
    a = (cv @ ct) / (cv @ cv) if cv @ cv > 0 else 0.0
    mapped = (a * v + (t.mean() - a * v.mean())).astype(np.float32).astype(np.float64)
    rmse = np.sqrt(np.mean((mapped - t) ** 2))
    r = (cv @ ct) / np.sqrt((cv @ cv) * (ct @ ct))
    return float(20 * np.log10((t.max() - t.min()) / rmse)), float(r)


def reconstruct(series, theta, method, passes, transpose):
    n = series.shape[1]
    out = np.zeros((n, n, n))
    for y in range(n):
        sino = series[:, y, :].T.astype(np.float64)
        if method == "wbp":
            rec = iradon(sino, theta=theta, filter_name="ramp", circle=True)
        else:
            rec = None
            for _ in range(passes):
                rec = iradon_sart(sino, theta=theta, image=rec, clip=(0, None))
        out[:, y, :] = rec.T if transpose else rec
    return out


def main():
    folder, passes = sys.argv[1], int(sys.argv[2])
    for case in json.load(open(f"{folder}/cases.json")):
        tag, n, tilts = case["tag"], case["n"], np.array(case["tilts"], dtype=np.float64)
        series = np.fromfile(f"{folder}/series_{tag}.f32", dtype=np.float32).reshape(len(tilts), n, n)
        truth = np.fromfile(f"{folder}/truth_{tag}.f32", dtype=np.float32).reshape(n, n, n)
        best = None
        for sign in (1, -1):
            for transpose in (False, True):
                mid = series[:, n // 2 : n // 2 + 1, :]
                rec = iradon(mid[:, 0, :].T.astype(np.float64), theta=sign * tilts, filter_name="ramp", circle=True)
                rec = rec.T if transpose else rec
                r = np.corrcoef(rec.ravel(), truth[:, n // 2, :].ravel())[0, 1]
                if best is None or r > best[0]:
                    best = (r, sign, transpose)
        _, sign, transpose = best
        for method in ("wbp", "sart"):
            t0 = time.perf_counter()
            volume = reconstruct(series, sign * tilts, method, passes, transpose)
            seconds = time.perf_counter() - t0
            psnr, r = score(volume, truth)
            print(json.dumps({"tag": tag, "method": method, "psnr": psnr, "r": r, "seconds": seconds,
                              "sign": sign, "transpose": transpose}), flush=True)


if __name__ == "__main__":
    main()
