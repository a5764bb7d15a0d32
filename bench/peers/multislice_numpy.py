#!/usr/bin/env python3
"""NumPy/SciPy peer of TemKit's multislice benchmark (bench/TemKit.Bench/Simulation/SimulationBench.cs).

Reads the projected-potential slices TemKit wrote (float32, V*Angstrom, slices x ny x nx), runs the same multislice
(plane wave of unit amplitude; t = exp(i sigma v) band-limited to 2/3 Nyquist; Fresnel propagator
exp(-i pi lambda dz k^2) inside the same limit) and one image epoch (transfer exp(+i chi) with temporal and spatial
envelopes, |psi|^2, Gaussian blur), and prints one JSON line with median timings and the exit wave it got, so the
C# side can check that both computed the same thing.

usage: multislice_numpy.py SLICES.f32 NX NY NSLICES PX_A DZ_A SIGMA LAMBDA REPEATS OUT_EXITWAVE.c64 BACKEND
BACKEND: numpy (numpy.fft, complex128 internally) or scipy (scipy.fft, complex64, all cores)
"""
import json
import sys
import time

import numpy as np


def main():
    path, nx, ny, ns, px, dz, sigma, lam, repeats, out, backend = sys.argv[1:12]
    nx, ny, ns, repeats = int(nx), int(ny), int(ns), int(repeats)
    px, dz, sigma, lam = float(px), float(dz), float(sigma), float(lam)
    v = np.fromfile(path, dtype=np.float32).reshape(ns, ny, nx)

    if backend == "scipy":
        import scipy.fft as sfft
        fft2 = lambda a: sfft.fft2(a, workers=-1, overwrite_x=True)
        ifft2 = lambda a: sfft.ifft2(a, workers=-1, overwrite_x=True)
    else:
        fft2 = np.fft.fft2
        ifft2 = np.fft.ifft2

    kx = np.fft.fftfreq(nx, d=px).astype(np.float32)
    ky = np.fft.fftfreq(ny, d=px).astype(np.float32)
    k2 = ky[:, None] ** 2 + kx[None, :] ** 2
    kcut = (2.0 / 3.0) * 0.5 / px
    mask = (k2 <= kcut * kcut).astype(np.float32)
    prop = (np.exp(-1j * np.pi * lam * dz * k2) * mask).astype(np.complex64)

    def exit_wave():
        psi = np.ones((ny, nx), dtype=np.complex64)
        for s in range(ns):
            t = np.exp(1j * (sigma * v[s])).astype(np.complex64)
            t = ifft2(fft2(t) * mask).astype(np.complex64)
            psi = ifft2(fft2(psi * t) * prop).astype(np.complex64)
        return psi

    # Image epoch (mid-range Table 1 optics): defocus 0, Cs 6.225 um, focal spread 12.5 A, 0.2 mrad, blur 0.45 A.
    def epoch(spectrum):
        df, cs, fs, alpha, blur = 0.0, 6.225e-3 * 1e7, 12.5, 0.2e-3, 0.45
        g2 = k2.astype(np.float64)
        g = np.sqrt(g2)
        chi = np.pi * lam * g2 * df - 0.5 * np.pi * cs * lam ** 3 * g2 * g2
        grad = 2 * np.pi * lam * g * df - 2 * np.pi * cs * lam ** 3 * g2 * g
        env = np.exp(-0.5 * (np.pi * lam * fs) ** 2 * g2 * g2 - (alpha / (2 * lam)) ** 2 * grad ** 2)
        h = (env * np.exp(1j * chi)).astype(np.complex64)
        img = np.abs(ifft2(spectrum * h)) ** 2
        gauss = np.exp(-2 * np.pi ** 2 * blur ** 2 * k2)
        return np.fft.irfft2(np.fft.rfft2(img) * gauss[:, : nx // 2 + 1], s=(ny, nx)).astype(np.float32)

    psi = exit_wave()  # warm-up
    times, cpu = [], []
    for _ in range(repeats):
        start, cstart = time.perf_counter(), time.process_time()
        psi = exit_wave()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cstart)
    spectrum = fft2(psi.copy())
    epoch(spectrum)
    etimes, ecpu = [], []
    for _ in range(repeats):
        start, cstart = time.perf_counter(), time.process_time()
        epoch(spectrum)
        etimes.append(time.perf_counter() - start)
        ecpu.append(time.process_time() - cstart)
    psi.astype(np.complex64).tofile(out)
    print(json.dumps({"backend": backend, "numpy": np.__version__, "exit_wave_s": float(np.median(times)),
                      "epoch_s": float(np.median(etimes)),
                      "exit_wave_cpu_s": float(np.median(cpu)), "epoch_cpu_s": float(np.median(ecpu)), "mean_intensity": float(np.mean(np.abs(psi) ** 2))}))


if __name__ == "__main__":
    main()
