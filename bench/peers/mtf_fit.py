"""Python peer of `temkit` bench `mtf`: radial noise spectrum + SOI Eq. 4 fit of one frame.

Same steps as TemKit's NoiseSpectrum.Compute + MtfFitter.Fit: remove the mean, real FFT (NumPy), |F|^2/N binned
by q~ = 2 q s with np.bincount (conjugate columns counted twice), RMS amplitude per bin, then
scipy.optimize.curve_fit of Eq. 4 with sigma = 1/sqrt(count) and bounds, from the same starting values.

Usage: mtf_fit.py RAW_FLOAT32 NX NY [REPEATS]; prints one JSON line.
"""
import json
import resource
import sys
import time

import numpy as np
from scipy.optimize import curve_fit


def spectrum(img):
    ny, nx = img.shape
    a = img - img.mean(dtype=np.float64)
    f = np.fft.rfft2(a)
    p = f.real * f.real + f.imag * f.imag
    qy = 2.0 * np.fft.fftfreq(ny)[:, None]
    qx = 2.0 * np.fft.rfftfreq(nx)[None, :]
    q = np.sqrt(qx * qx + qy * qy)
    bw = 2.0 / min(nx, ny)
    idx = (q / bw + 0.5).astype(np.int64).ravel()
    w = np.full(qx.shape, 2.0)
    w[:, 0] = 1.0
    if nx % 2 == 0:
        w[:, -1] = 1.0
    w = np.broadcast_to(w, p.shape).ravel()
    n = np.bincount(idx, weights=w)
    power = np.bincount(idx, weights=p.ravel() * w)
    qsum = np.bincount(idx, weights=np.broadcast_to(q, p.shape).ravel() * w)
    ok = n > 0
    qb = np.where(ok, qsum / np.where(ok, n, 1), 0)
    amp = np.sqrt(np.where(ok, power / np.where(ok, n, 1), 0) / (nx * ny))
    return qb, amp, n, bw


def eq4(q, c0, c1, c2, c3):
    return (c1 - c2) / (1.0 + (q / c0) ** c3) + c2


def fit(qb, amp, n, bw, max_q=1.5):
    sel = (np.arange(len(qb)) > 0) & (n > 0) & (qb <= max_q)
    q, y, cnt = qb[sel], amp[sel], n[sel]
    c1 = np.median(y[:3])
    c2 = y[q >= 0.9 * q[-1]].mean()
    half = 0.5 * (c1 + c2)
    below = (y < half)
    run3 = below[:-2] & below[1:-1] & below[2:]
    c0 = q[np.argmax(run3)] if run3.any() else 0.5 * q[-1]
    ymax = y.max()
    lo = [max(bw * 0.5, 1e-4), 0, 0, 0.3]
    hi = [2.0, 10 * ymax, 10 * ymax, 30]
    best = None
    for c3 in (1.5, 2.5, 4.0):
        p0 = np.clip([c0, c1, c2, c3], lo, hi)
        popt, _ = curve_fit(eq4, q, y, p0=p0, sigma=1 / np.sqrt(cnt), bounds=(lo, hi))
        cost = np.sum(cnt * (y - eq4(q, *popt)) ** 2)
        if best is None or cost < best[0]:
            best = (cost, popt)
    popt = best[1]
    w = cnt / cnt.sum()
    mean = np.sum(w * y)
    r2 = 1 - np.sum(w * (y - eq4(q, *popt)) ** 2) / np.sum(w * (y - mean) ** 2)
    return popt, r2


def main():
    path, nx, ny = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    img = np.fromfile(path, dtype=np.float32).reshape(ny, nx)
    times = []
    result = None
    cpu0 = time.process_time()
    for i in range(repeats + 1):
        t0 = time.perf_counter()
        qb, amp, n, bw = spectrum(img)
        result = fit(qb, amp, n, bw)
        if i > 0:
            times.append(time.perf_counter() - t0)
    cpu = (time.process_time() - cpu0) / (repeats + 1)
    popt, r2 = result
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"median_s": float(np.median(times)), "c0": popt[0], "c1": popt[1], "c2": popt[2],
                      "c3": popt[3], "C": popt[2] / popt[1], "r2": r2, "peak_mib": peak, "cpu_s": cpu}))


if __name__ == "__main__":
    main()
