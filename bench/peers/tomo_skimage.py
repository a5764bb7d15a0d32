#!/usr/bin/env python3
"""scikit-image peer of TemKit's tomo-wbp / tomo-sirt benchmarks (bench/TemKit.Bench/Tomography).

Reads the cases TemKit wrote (cases.json: size, tag, theta in scikit-image's sign; sino_TAG.f32 as N x angles float32,
the exact Shepp-Logan sinogram on scikit-image's grid with the rotation centre at pixel N/2; truth_TAG.f32 N x N),
reconstructs with skimage.transform.iradon (ramp filter) or iradon_sart, and prints one JSON line per case with
RMSE, PSNR (range of the truth) and median seconds.

usage: tomo_skimage.py wbp|sart DIR REPEATS SART_ITERATIONS
"""
import json
import sys
import time

import numpy as np
from skimage.transform import iradon, iradon_sart


def main():
    mode, folder, repeats, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    cases = json.load(open(f"{folder}/cases.json"))
    for case in cases:
        n, tag, theta = case["n"], case["tag"], np.array(case["theta"], dtype=np.float64)
        sino = np.fromfile(f"{folder}/sino_{tag}.f32", dtype=np.float32).reshape(n, len(theta)).astype(np.float64)
        truth = np.fromfile(f"{folder}/truth_{tag}.f32", dtype=np.float32).reshape(n, n).astype(np.float64)
        if mode == "wbp":
            run = lambda: iradon(sino, theta=theta, filter_name="ramp", circle=True)
        else:
            def run():
                rec = None
                for _ in range(iterations):
                    rec = iradon_sart(sino, theta=theta, image=rec, clip=(0, None))
                return rec
        times = []
        rec = None
        for _ in range(max(1, repeats)):
            t0 = time.perf_counter()
            rec = run()
            times.append(time.perf_counter() - t0)
        rmse = float(np.sqrt(np.mean((rec - truth) ** 2)))
        psnr = float(20 * np.log10((truth.max() - truth.min()) / rmse))
        print(json.dumps({"n": n, "set": case["set"], "rmse": rmse, "psnr": psnr, "seconds": float(np.median(times))}), flush=True)


if __name__ == "__main__":
    main()
