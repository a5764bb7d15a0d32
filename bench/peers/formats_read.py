"""Peer for the formats-read benchmark.
  formats_read.py make DIR      writes DIR/frame.tif (4096x4096 uint16, tifffile) and DIR/frame.emd (a Velox-layout
                                EMD: /Data/Image/<id>/Data of shape (4096, 4096, 1) uint16, one chunk per frame, h5py)
  formats_read.py time DIR N    prints the median seconds of N reads (after one warm-up) of each file into a float32
                                NumPy array: 'tifffile <s>' and 'h5py <s>'."""
import sys
import time

import numpy as np

mode, folder = sys.argv[1], sys.argv[2]
tif, emd = folder + "/frame.tif", folder + "/frame.emd"
if mode == "make":
    import h5py
    import tifffile
    rng = np.random.default_rng(7)
    data = rng.integers(0, 60000, size=(4096, 4096), dtype=np.uint16)
    tifffile.imwrite(tif, data)
    with h5py.File(emd, "w") as f:
        d = f.create_group("Data/Image/0123456789abcdef0123456789abcdef")
        d.create_dataset("Data", data=data[:, :, None], chunks=(4096, 4096, 1))
        meta = np.zeros((60000, 1), dtype=np.uint8)
        text = b'{"BinaryResult": {"PixelSize": {"width": "1e-10", "height": "1e-10"}, "PixelUnitX": "m", "PixelUnitY": "m", "Detector": "BM-Ceta"}}'
        meta[: len(text), 0] = np.frombuffer(text, dtype=np.uint8)
        d.create_dataset("Metadata", data=meta)
    sys.exit(0)

import h5py
import tifffile

repeats = int(sys.argv[3])


def median(read):
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        a = read()
        times.append(time.perf_counter() - start)
        del a
    times = sorted(times[1:])
    return times[len(times) // 2]


def read_emd():
    with h5py.File(emd, "r") as f:
        return f["Data/Image/0123456789abcdef0123456789abcdef/Data"][:, :, 0].astype(np.float32)


print("tifffile", median(lambda: tifffile.imread(tif).astype(np.float32)))
print("h5py", median(read_emd))
