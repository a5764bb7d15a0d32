"""Second reference for the TemKit FFT benchmark: scipy.fft (pocketfft) in float32 on all cores.

usage: python3 bench/peers/fft_scipy.py r2c|c2c NX NY REPEATS
prints: median_seconds
"""
import sys
import time

import numpy as np
import scipy.fft


def main() -> int:
    kind, nx, ny, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = np.random.default_rng(1)
    if kind == "r2c":
        data = rng.random((ny, nx), dtype=np.float32)
        run = lambda: scipy.fft.rfft2(data, workers=-1)
    else:
        data = (rng.random((ny, nx), dtype=np.float32) + 1j * rng.random((ny, nx), dtype=np.float32)).astype(np.complex64)
        run = lambda: scipy.fft.fft2(data, workers=-1)
    result = run()
    assert result.dtype == np.complex64, result.dtype
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"{times[len(times) // 2]:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
